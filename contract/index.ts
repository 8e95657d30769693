export * from './profile.js';
export * from './messages.js';
export * from './api.js';
export * from './signing.js';
