/**
 * Issue #17: what the overview costs next to the architecture it summarises. A generated
 * design of 200 components (test/support/generate.ts) with its services in groups of ten
 * (20 groups, added here): the core's Mermaid text of each view, timed in one process and
 * alternating (A then B, then B then A), and each text rendered in Chromium by Mermaid
 * alone with dagre, the preview's engine (test/webview/support/measure.ts), alternating too.
 *
 * Run: npx tsx bench/views.bench.ts                (200 components, 200 generations, 5 renders)
 *      npx tsx bench/views.bench.ts 500 100 3      (components, generations, renders)
 * Prints the medians and their ratios; writes bench/results-views.json.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../src/core/analyse';
import { diagramFor, type DiagramView } from '../src/core/diagram';
import { launchBrowser, PreviewPage } from '../test/webview/support/harness';
import { BARE_MERMAID, bareRender, designWithComponents, median } from '../test/webview/support/measure';

const root = path.join(__dirname, '..');
const components = Number(process.argv[2] ?? 200);
const generations = Number(process.argv[3] ?? 200);
const renders = Number(process.argv[4] ?? 5);
const GROUP_SIZE = 10;

/** The generated design with its services (`svc-<i>`) in groups of GROUP_SIZE, before `connections:`. */
function groupedDesign(nodes: number): string {
  const text = designWithComponents(nodes);
  const services = [...text.matchAll(/^ {2}- id: (svc-\d+)$/gm)].map((m) => m[1]);
  const groups: string[] = ['groups:'];
  for (let i = 0; i < services.length; i += GROUP_SIZE) groups.push(`  - id: tier-${i / GROUP_SIZE}`, `    members: [${services.slice(i, i + GROUP_SIZE).join(', ')}]`);
  return text.replace(/^connections:$/m, `${groups.join('\n')}\nconnections:`);
}

const analysis = createAnalyzer().analyse(groupedDesign(components));
const { design, estimate } = analysis;
const VIEWS: Record<'architecture' | 'overview', DiagramView> = { architecture: 'architecture', overview: { kind: 'overview' } };
const textOf = (key: keyof typeof VIEWS): string => {
  const result = diagramFor(design, VIEWS[key], { estimate, maxEdges: Infinity, maxText: Infinity });
  if (!('text' in result)) throw new Error(`${key}: ${result.error}`);
  return result.text;
};

function generation(): Record<string, number> {
  const times: Record<keyof typeof VIEWS, number[]> = { architecture: [], overview: [] };
  for (let i = 0; i < 20; i++) for (const key of ['architecture', 'overview'] as const) textOf(key);
  for (let i = 0; i < generations; i++) {
    for (const key of i % 2 === 0 ? (['architecture', 'overview'] as const) : (['overview', 'architecture'] as const)) {
      const start = performance.now();
      textOf(key);
      times[key].push(performance.now() - start);
    }
  }
  return { architecture_ms: median(times.architecture), overview_ms: median(times.overview), ratio: median(times.overview) / median(times.architecture) };
}

async function rendering(): Promise<Record<string, number>> {
  const browser = await launchBrowser();
  try {
    const preview = await PreviewPage.open(browser);
    await preview.loadScript(BARE_MERMAID);
    const texts = { architecture: textOf('architecture'), overview: textOf('overview') };
    const times: Record<keyof typeof VIEWS, number[]> = { architecture: [], overview: [] };
    // One warm-up each: the first render loads Mermaid's flowchart code.
    for (const key of ['architecture', 'overview'] as const) await bareRender(preview, texts[key], 'dagre', Infinity);
    for (let i = 0; i < renders; i++) {
      for (const key of i % 2 === 0 ? (['architecture', 'overview'] as const) : (['overview', 'architecture'] as const)) {
        const r = await bareRender(preview, texts[key], 'dagre', Infinity);
        if (r.error) throw new Error(`${key}: ${r.error}`);
        times[key].push(r.ms);
      }
    }
    return { architecture_ms: median(times.architecture), overview_ms: median(times.overview), ratio: median(times.overview) / median(times.architecture) };
  } finally {
    await browser.close();
  }
}

async function run(): Promise<void> {
  const shape = Object.fromEntries(
    (['architecture', 'overview'] as const).map((key) => {
      const text = textOf(key);
      return [key, { characters: text.length, nodes: (text.match(/^ {2}[ng]\d+[[({>]/gm) ?? []).length, edges: (text.match(/ -\.?->/g) ?? []).length }];
    }),
  );
  const generated = generation();
  const rendered = await rendering();
  const lines = [
    `${design.components.length} components, ${design.groups.length} groups: architecture ${JSON.stringify(shape.architecture)}, overview ${JSON.stringify(shape.overview)}`,
    `generate (core, median of ${generations}): architecture ${generated.architecture_ms.toFixed(3)} ms, overview ${generated.overview_ms.toFixed(3)} ms, overview/architecture ${generated.ratio.toFixed(2)}`,
    `render (Chromium, Mermaid + dagre, median of ${renders}): architecture ${rendered.architecture_ms.toFixed(0)} ms, overview ${rendered.overview_ms.toFixed(0)} ms, overview/architecture ${rendered.ratio.toFixed(3)}`,
  ];
  for (const line of lines) console.log(line);
  writeFileSync(
    path.join(root, 'bench', 'results-views.json'),
    JSON.stringify(
      { components: design.components.length, groups: design.groups.length, shape, generated, rendered, node: process.version, date: new Date().toISOString() },
      null,
      2,
    ) + '\n',
  );
}

void run();
