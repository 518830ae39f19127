import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** src/ never imports the UI's frameworks. */
const FRAMEWORK_FREE = { group: ['react', 'react-dom', 'zustand', '../app/*', '../../app/*'], message: 'src/ is framework-free.' };

/** The engine never imports the tools built around it (test support, harness pages, the benchmark). */
const ENGINE_WITHOUT_TOOLS = { group: ['**/test/**', '**/bench/**'], message: 'src/ is the engine: test/ and bench/ import it, never the reverse.' };

/** Zod comes configured (jitless, for the page's CSP) from src/util/zod.ts, never from 'zod' itself. */
const ZOD_CONFIGURED = { name: 'zod', message: 'Import z from src/util/zod.ts (jitless, set before any schema exists).' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ZOD_CONFIGURED] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/*'], message: 'app/ never imports tfjs: talk to the engine worker.' }], paths: [ZOD_CONFIGURED] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [FRAMEWORK_FREE, ENGINE_WITHOUT_TOOLS], paths: [ZOD_CONFIGURED] }],
    },
  },
  {
    // Unit tests beside the engine may use the shared test support (test/support).
    files: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [FRAMEWORK_FREE], paths: [ZOD_CONFIGURED] }],
    },
  },
);
