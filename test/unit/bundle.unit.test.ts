// The extension host bundles (issue #8): what `npm run package` ships for the desktop and
// the web extension host, built here exactly as scripts/build.mjs builds them (minified),
// measured module by module from esbuild's metafile. The goal was 400 KB; the official
// language client (vscode-languageclient 11 and the protocol libraries it brings) is
// ~430 KB minified by itself, so what is ours is budgeted separately and the whole is
// guarded against growth (see bench/README.md, "Extension host bundle").
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';

interface Target {
  outfile: string;
  options: esbuild.BuildOptions;
}

/** Modules that must never reach an extension host: the analysis runs in the language server, diagrams in the webview. */
const FORBIDDEN = [
  /^src\/(core|server|webview|cli)\//,
  /node_modules\/(yaml|ajv|ajv-formats|fast-deep-equal|mermaid|@mermaid-js\/[^/]+|dompurify|elkjs|d3[^/]*|katex|cytoscape[^/]*|lodash-es)\//,
];
/** The official language client and the libraries only it brings. */
const LANGUAGE_CLIENT =
  /node_modules\/(vscode-languageclient|vscode-languageserver-protocol|vscode-languageserver-types|vscode-jsonrpc|vscode-languageserver-textdocument|semver|minimatch|brace-expansion|balanced-match|@isaacs\/[^/]+)\//;

const OURS_BUDGET = 64 * 1024;
/** The language client's share measured 426 KB (node) and 392 KB (web) in November 2026, plus our budget. */
const TOTAL_BUDGET = 520 * 1024;

async function targets(): Promise<Target[]> {
  // Plain ESM shared with scripts/build.mjs (typed by buildTargets.d.mts).
  const { buildOptions, EXTENSION_HOST_BUNDLES } = await import('../../scripts/lib/buildTargets.mjs');
  return buildOptions({ production: true })
    .filter((o) => EXTENSION_HOST_BUNDLES.includes(o.outfile ?? ''))
    .map((options) => ({ outfile: options.outfile ?? '', options }));
}

interface Measured {
  total: number;
  ours: number;
  client: number;
  other: number;
  forbidden: string[];
}

async function measure(target: Target): Promise<Measured> {
  const result = await esbuild.build({ ...target.options, write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  assert.ok(output, `esbuild produced ${target.outfile}`);
  const measured: Measured = { total: result.outputFiles[0]?.contents.byteLength ?? 0, ours: 0, client: 0, other: 0, forbidden: [] };
  for (const [path, input] of Object.entries(output.inputs)) {
    if (FORBIDDEN.some((p) => p.test(path))) measured.forbidden.push(path);
    if (path.startsWith('src/')) measured.ours += input.bytesInOutput;
    else if (LANGUAGE_CLIENT.test(path)) measured.client += input.bytesInOutput;
    else measured.other += input.bytesInOutput;
  }
  return measured;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('extension host bundles (production build)', function () {
  this.timeout(60_000);
  const results = new Map<string, Measured>();

  before(async () => {
    for (const target of await targets()) results.set(target.outfile, await measure(target));
    for (const [file, m] of results) {
      console.log(`      ${file}: ${kb(m.total)} = ours ${kb(m.ours)} + language client ${kb(m.client)} + other ${kb(m.other)} (+ esbuild runtime)`);
    }
  });

  it('measures both the desktop and the web bundle', () => {
    assert.deepEqual([...results.keys()].sort(), ['dist/extension.browser.js', 'dist/extension.js']);
  });

  it('contain no core, server, webview, YAML, ajv or Mermaid code', () => {
    for (const [file, m] of results) assert.deepEqual(m.forbidden, [], `${file} must not bundle these`);
  });

  it(`keep our own code under ${kb(OURS_BUDGET)}`, () => {
    for (const [file, m] of results) assert.ok(m.ours > 0 && m.ours < OURS_BUDGET, `${file}: ours is ${kb(m.ours)}`);
  });

  it('bundle nothing but our code and the language client', () => {
    for (const [file, m] of results) assert.equal(m.other, 0, `${file}: ${kb(m.other)} from other packages`);
  });

  it(`stay under ${kb(TOTAL_BUDGET)} in all`, () => {
    for (const [file, m] of results) assert.ok(m.total < TOTAL_BUDGET, `${file} is ${kb(m.total)}`);
  });
});
