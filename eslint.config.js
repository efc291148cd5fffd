// ESLint flat config: the recommended JS and TypeScript rules (syntax-only, fast), plus the
// project's own: nothing outside src/config.ts reads process.env, no focused tests.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'demo/library/**', '**/*.d.ts', '.*-tmp.ts', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/config.ts.' }],
    },
  },
  {
    files: ['src/config.ts', 'src/db/testing.ts', '**/*.test.ts', 'test/**', 'bench/**', 'evals/**', 'scripts/**', 'bin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['web-widget/**/*.js'],
    languageOptions: { globals: { ...globals.browser, io: 'readonly' } },
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  { files: ['bin/**/*.js', 'scripts/**'], languageOptions: { globals: globals.node } },
  {
    // Tests may reach into loosely typed payloads; production code may not.
    files: ['**/*.test.ts', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Published constants kept digit for digit (Acklam's quantile coefficients), and
    // control-character classes that normalization strips on purpose.
    files: ['src/quant/stats.ts', 'src/quant/**/*.test.ts', 'src/quant/peers/**'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  { files: ['src/compliance/guards/normalize.ts', 'src/compliance/pii/**'], rules: { 'no-control-regex': 'off' } },
);
