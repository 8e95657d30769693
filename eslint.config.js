// One linter for the whole repository: TypeScript everywhere, plus the Lit,
// web-component and accessibility rules for the element.
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.test-results/', 'custom-elements.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['component/**/*.ts', 'test/component/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['component/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['component/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: litA11y.configs.recommended.rules,
  },
  {
    // Command-line entries and scripts talk to a terminal.
    files: ['scripts/**', 'bench/**', '**/server.ts', 'demo/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
