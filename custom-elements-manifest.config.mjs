// The element's API description (custom-elements.json), generated from its class doc comment by
// `npm run build`.
export default {
  globs: ['component/**/*.ts'],
  outdir: '.',
  litelement: true,
};
