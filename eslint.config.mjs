// `npm run lint` (after scripts/checkLayers.mjs): typescript-eslint's recommended rules, no
// import cycle, no long parameter list. The type-checked presets are left out: they need a
// full program per tsconfig and would make lint several times slower on a small machine.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', '.cache/**', '.vscode-test/**', 'test-results/**', 'node_modules/**', 'examples/**', 'templates/**', 'schemas/**', 'syntaxes/**', 'media/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these the rule never reads a .ts module and so finds no cycle at all.
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      // Resolves `./foo` to foo.ts or foo/index.ts the way each folder's tsconfig does.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['src/*/tsconfig.json', 'test/tsconfig.json', 'test/*/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      // A cycle through runtime imports. `import type` is erased, so this rule skips it;
      // scripts/checkLayers.mjs fails on a cycle in src/ through any import, types included.
      'import-x/no-cycle': 'error',
      // 6 is what the code meets today; 5 would flag twenty functions (LSP handlers,
      // tolerant-parser helpers). More than that wants an options object.
      'max-params': ['error', 6],
      // Off: the parsers, escapers and their tests match control characters on purpose
      // (C0 characters in ids and labels are rejected or escaped).
      'no-control-regex': 'off',
      // Off: patterns over YAML text read better with the indentation written out.
      'no-regex-spaces': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and the bench load modules late on purpose: a fresh copy, a path computed at
    // run time, or a module object that a test must be able to patch.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
