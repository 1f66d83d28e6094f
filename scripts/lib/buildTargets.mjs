// The esbuild targets of scripts/build.mjs, as data, so that tests can build a target the
// way the build does (test/unit/bundle.unit.test.ts measures the extension host bundles).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const extensionDir = resolve(root, 'src', 'extension');

/**
 * The web bundle of the extension is the same composition root with the language client
 * swapped: `./client` (a Node server process) resolves to `./browserClient` (a web worker).
 * See src/extension/browserExtension.ts.
 */
const webLanguageClient = {
  name: 'web-language-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/client$/ }, (args) => (dirname(args.importer) === extensionDir ? { path: resolve(extensionDir, 'browserClient.ts') } : undefined));
  },
};

/** Each target: its entry, and the platform it runs on. Targets whose entry does not exist yet are skipped. */
const TARGETS = [
  // The library entry for tools (`exports["./core"]`): pure, runs in Node and browsers.
  { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', platform: 'neutral', format: 'cjs', mainFields: ['module', 'main'] },
  // The `sysdesign` command.
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { SYSDESIGN_VERSION: JSON.stringify(pkg.version) },
  },
  // The VS Code extension host (Node). `vscode` is provided by the host.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The web extension host (VS Code for the Web): the same extension, its server in a web worker.
  {
    entryPoints: ['src/extension/browserExtension.ts'],
    outfile: 'dist/extension.browser.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [webLanguageClient],
  },
  // The language server (Node, stdio or IPC); also the `sysdesign-language-server` bin.
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The same language server in a web worker (VS Code for the Web).
  { entryPoints: ['src/server/browserMain.ts'], outfile: 'dist/server.browser.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The webview app (DOM + Mermaid): the only bundle that contains Mermaid. The webview
  // bundles keep their libraries' license comments (Mermaid, DOMPurify, elkjs's EPL-2.0).
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/preview.js', platform: 'browser', format: 'iife', target: 'chrome120', legalComments: 'eof' },
  // Mermaid's ELK layout, loaded by the webview only when a diagram is laid out with ELK.
  { entryPoints: ['src/webview/elk.ts'], outfile: 'dist/webview/elk.js', platform: 'browser', format: 'iife', target: 'chrome120', legalComments: 'eof' },
];

/** The bundles that run in an extension host (desktop and web): the ones issue #8 budgets. */
export const EXTENSION_HOST_BUNDLES = ['dist/extension.js', 'dist/extension.browser.js'];

/**
 * esbuild options for every target (paths relative to the repository root, `absWorkingDir`
 * set). `production` minifies and drops source maps: what `npm run package` ships.
 * @param {{ production?: boolean }} [options]
 * @returns {import('esbuild').BuildOptions[]}
 */
export function buildOptions({ production = false } = {}) {
  return TARGETS.filter((t) => existsSync(resolve(root, t.entryPoints[0]))).map((t) => ({
    absWorkingDir: root,
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
    ...t,
  }));
}
