// The preview webview in real Chromium (see support/harness.ts): rendering, escaping,
// theme, clicks, stepping, zoom, export, and what an update costs.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { FromWebviewMessage, PreviewDiagrams } from '../../src/protocol';
import { chooseLayout, type LayoutEngine } from '../../src/webview/layout';
import { diagramsOf, diagramsOrStale, launchBrowser, PreviewPage, readRepoFile, ROOT } from './support/harness';
import { BARE_MERMAID, bareRender, designWithComponents, median } from './support/measure';

const SPEC = readRepoFile('test', 'fixtures', 'spec-example.sysdesign.yaml');
/** Known utilisations at peak: api 30 %, cache 60 %, db 84 %, search 120 %, lb unknown (nothing sends to it). */
const HEAT = readRepoFile('test', 'fixtures', 'heat-map.sysdesign.yaml');

/** The label payloads of RELIABILITY.md ("Mermaid generation"). */
const PAYLOADS = [
  'a"] --> evil["x',
  '%%{init: {"theme":"forest","securityLevel":"loose"}}%%',
  '<img src=x onerror=window.__canary=1>',
  '`rm -rf` and ``double``',
  '#;%%{}|end',
  '🚀 launch 👩‍💻 ✓',
];

function payloadDesign(): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
  const lines = ['sysdesign: 1', `name: ${q(PAYLOADS[1])}`, 'components:'];
  PAYLOADS.forEach((p, i) => lines.push(`  - id: c${i}`, '    kind: service', `    label: ${q(p)}`));
  lines.push('groups:', '  - id: grp', `    label: ${q(PAYLOADS[3])}`, '    members: [c0, c1]');
  lines.push('connections:');
  PAYLOADS.forEach((p, i) => lines.push(`  - from: c${i}`, `    to: c${(i + 1) % PAYLOADS.length}`, `    label: ${q(p)}`));
  lines.push('flows:', '  - id: payload-run', '    steps:');
  PAYLOADS.forEach((p, i) => lines.push(`      - from: c${i}`, `        to: c${(i + 1) % PAYLOADS.length}`, `        label: ${q(p)}`));
  lines.push('data_models:', '  - id: things', '    fields:', '      thing_id: uuid pk', `      note: ${q('varchar(<b>)')}`);
  return lines.join('\n') + '\n';
}

/** The same design under another name: the Mermaid text changes (accTitle), the drawing does not. */
function renamed(text: string, name: string): string {
  return text.replace(/^name: .*$/m, `name: ${name}`);
}

describe('the preview webview in Chromium', function () {
  let browser: Browser;
  let preview: PreviewPage;
  const timings: Record<string, unknown> = {};

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (Object.keys(timings).length > 0) {
      const dir = join(ROOT, 'test-results', 'webview');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
    }
  });
  afterEach(async function () {
    // Every test: nothing escaped the page, nothing was blocked, nothing threw.
    await preview?.closeChecked(this.currentTest?.state !== 'failed');
  });

  it('renders the architecture, each dry run and the data model with every node of the source map', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(SPEC, 3);
    assert.deepEqual(
      d.views.map((v) => v.key),
      ['architecture', 'overview', 'flow:upload-photo-dry-run', 'flow:view-feed-dry-run', 'er'],
    );
    await preview.update(d, 'architecture');
    for (const view of d.views) {
      await preview.showView(view.key, 3);
      assert.equal(await preview.page.locator('.stage > svg').count(), 1, `${view.key}: one SVG`);
      assert.deepEqual(await preview.shownNodeIds(), view.nodes.map((n) => n.nodeId).sort(), `${view.key}: every node found and tagged`);
      assert.equal(await preview.page.locator('.tab[aria-selected="true"]').innerText(), view.title);
    }
    // The architecture: one SVG node per component, one cluster per group.
    await preview.showView('architecture', 3);
    assert.equal(await preview.page.locator('.stage g.node').count(), 7);
    assert.equal(await preview.page.locator('.stage g.cluster').count(), 1);
    // Tabs: every view plus the estimate, which is a table of the server's rows.
    assert.equal(await preview.page.locator('.tab').count(), d.views.length + 1);
    await preview.showView('estimates', 3);
    const rows = d.estimates.reduce((n, s) => n + s.rows.length, 0);
    assert.equal(await preview.page.locator('.estimates tr').count(), rows);
    assert.match(await preview.page.locator('.estimates').innerText(), /Read:write ratio\s+150:1/);
  });

  it('draws label payloads as text: no node injected, no configuration, no script, no CSP violation', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(payloadDesign(), 1);
    await preview.update(d, 'architecture');
    const arch = d.views[0];
    assert.equal(await preview.page.locator('.stage g.node').count(), PAYLOADS.length, 'one node per component: the quote payload made no extra node');
    assert.deepEqual(await preview.shownNodeIds(), arch.nodes.map((n) => n.nodeId).sort());
    for (const view of d.views) {
      await preview.showView(view.key, 1);
      const svg = preview.page.locator('.stage > svg');
      const text = await svg.evaluate((e) => e.textContent ?? '');
      // The overview draws the group of c0 and c1 as one node labelled with payload 3: the rest show there too.
      const written = view.kind === 'er' ? [] : view.kind === 'overview' ? PAYLOADS.slice(2) : PAYLOADS;
      for (const payload of written) assert.ok(text.includes(payload), `${view.key} shows ${JSON.stringify(payload)} as written`);
      assert.equal(await svg.locator('img, script, iframe, a').count(), 0, `${view.key}: no element from a label`);
      // %%{init}%% stayed text: the forest theme's node colour is nowhere, Mermaid stayed strict.
      assert.doesNotMatch(await svg.evaluate((e) => e.outerHTML), /#cde498/i, `${view.key}: no forest theme`);
    }
    await preview.showView('er', 1);
    assert.match(await preview.page.locator('.stage > svg').evaluate((e) => e.textContent ?? ''), /varchar\(<b>\)/);
    // Clicks still map to generated ids only.
    await preview.showView('architecture', 1);
    await preview.page.locator('.stage [data-sd-node="n2"]').click();
    const reveal = await preview.waitForPosted((m) => m.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', view: 'architecture', nodeId: 'n2' });
  });

  it('re-renders with the theme colours when VS Code changes the body class', async () => {
    preview = await PreviewPage.open(browser, { bodyClass: 'vscode-light' });
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    const style = () => preview.page.locator('.stage > svg > style').evaluate((e) => e.textContent ?? '');
    assert.match(await style(), /fill:#ECECFF/i, 'light: the default theme');
    const before = await preview.renders();
    await preview.page.evaluate(() => {
      document.body.className = 'vscode-dark';
    });
    await preview.page.waitForFunction((n) => Number(document.querySelector('.viewport')?.getAttribute('data-renders')) > n, before);
    assert.match(await style(), /fill:#1f2020/i, 'dark: the dark theme');
    await preview.page.evaluate(() => {
      document.body.className = 'vscode-high-contrast-light vscode-high-contrast';
    });
    await preview.page.waitForFunction((n) => Number(document.querySelector('.viewport')?.getAttribute('data-renders')) > n, before + 1);
    assert.match(await style(), /fill:#ECECFF/i, 'high-contrast light: light again');
    // The setting wins over the body class.
    await preview.send({ type: 'theme', theme: 'dark' });
    await preview.page.waitForFunction((n) => Number(document.querySelector('.viewport')?.getAttribute('data-renders')) > n, before + 2);
    assert.match(await style(), /fill:#1f2020/i, 'forced dark');
    assert.equal(await preview.page.locator('#app').getAttribute('data-brightness'), 'dark');
  });

  it('posts reveal for a click or Enter on a node, and nothing for a drag', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(SPEC, 1);
    await preview.update(d, 'architecture');
    const api = d.views[0].nodes.find((n) => n.id === 'api');
    assert.ok(api);
    await preview.page.locator(`.stage [data-sd-node="${api.nodeId}"]`).click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'reveal'), { type: 'reveal', view: 'architecture', nodeId: api.nodeId });

    await preview.clearPosted();
    await preview.page.locator('.stage [data-sd-node="g0"]').focus();
    await preview.page.keyboard.press('Enter');
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'reveal'), { type: 'reveal', view: 'architecture', nodeId: 'g0' });

    // A participant of a dry run maps to its own view's node id.
    await preview.showView('flow:upload-photo-dry-run', 1);
    await preview.clearPosted();
    await preview.page.locator('.stage [data-sd-node="p2"]').first().click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'reveal'), { type: 'reveal', view: 'flow:upload-photo-dry-run', nodeId: 'p2' });

    // A drag that starts on a node pans and reveals nothing.
    await preview.showView('architecture', 1);
    await preview.clearPosted();
    const box = await preview.page.locator(`.stage [data-sd-node="${api.nodeId}"]`).boundingBox();
    assert.ok(box);
    const transformBefore = await preview.page.locator('.stage').evaluate((e) => (e as HTMLElement).style.transform);
    await preview.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await preview.page.mouse.down();
    await preview.page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 5 });
    await preview.page.mouse.up();
    assert.notEqual(await preview.page.locator('.stage').evaluate((e) => (e as HTMLElement).style.transform), transformBefore, 'the drag panned');
    assert.deepEqual(
      (await preview.posted()).filter((m) => m.type === 'reveal'),
      [],
    );
  });

  it('renders nothing for an edit that does not change the diagram, and drops stale versions', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    const renders = await preview.renders();
    // A description is not drawn: the next version has the same Mermaid text.
    const edited = diagramsOf(SPEC.replace(/^description: .*$/m, 'description: Changed words'), 2);
    const cost = await preview.page.evaluate((diagrams) => {
      const stage = document.querySelector('.stage');
      const mutations: MutationRecord[] = [];
      const observer = new MutationObserver((records) => mutations.push(...records));
      if (stage) observer.observe(stage, { childList: true, subtree: true, attributes: true });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'update', diagrams: { ...diagrams, version: diagrams.version + i } } }));
        times.push(performance.now() - started);
      }
      mutations.push(...observer.takeRecords());
      observer.disconnect();
      return { times, mutations: mutations.length };
    }, edited);
    await preview.waitForShown(6, 'architecture');
    assert.equal(await preview.renders(), renders, 'no render');
    assert.equal(cost.mutations, 0, 'the diagram DOM was not touched');
    const median = [...cost.times].sort((a, b) => a - b)[2];
    timings.unchangedUpdateMs = cost.times;
    assert.ok(median < 5, `an update that changes no diagram costs ${median.toFixed(2)} ms in the webview (< 5 ms)`);

    // An older version arriving late is dropped.
    await preview.send({ type: 'update', diagrams: diagramsOf(renamed(SPEC, 'Old'), 4) });
    await preview.send({ type: 'highlight', view: 'architecture', nodeId: null }); // a message after it, to know it was handled
    assert.equal(await preview.page.locator('.viewport').getAttribute('data-version'), '6');
    assert.equal(await preview.renders(), renders, 'the stale version was not rendered');
    assert.doesNotMatch(await preview.page.locator('.stage > svg').evaluate((e) => e.textContent ?? ''), /Old architecture/);
  });

  it('keeps zoom and pan across an update and swaps the new picture in without blanking', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    const viewport = preview.page.locator('.viewport');
    await viewport.focus();
    await preview.page.keyboard.press('+');
    await preview.page.keyboard.press('+');
    await preview.page.keyboard.press('ArrowLeft');
    const transform = () => preview.page.locator('.stage').evaluate((e) => (e as HTMLElement).style.transform);
    const zoomed = await transform();
    assert.match(await preview.page.locator('.zoom-label').innerText(), /%$/);
    await preview.page.evaluate(() => {
      const stage = document.querySelector('.stage');
      (window as unknown as { __blank: number }).__blank = 0;
      new MutationObserver(() => {
        if (!stage?.querySelector('svg')) (window as unknown as { __blank: number }).__blank++;
      }).observe(stage as Node, { childList: true });
    });
    // A new component: the text changes, so it renders.
    const grownText = SPEC.replace(/^components:.*\n/m, (line) => `${line}  - id: audit-log\n    kind: queue\n`);
    assert.notEqual(grownText, SPEC);
    const grown = diagramsOf(grownText, 2);
    await preview.update(grown, 'architecture');
    assert.equal(await preview.page.locator('.stage g.node').count(), 8, 'the new component is drawn');
    assert.equal(await transform(), zoomed, 'zoom and pan kept');
    assert.equal(await preview.page.evaluate(() => (window as unknown as { __blank: number }).__blank), 0, 'the stage never showed no diagram');
    // The state the serializer will get back: the view and its transform (saved 250 ms after the last zoom or pan).
    await preview.page.waitForFunction(() => window.__state !== undefined);
    const state = (await preview.page.evaluate(() => window.__state)) as { view: string; transforms: Record<string, { scale: number }> };
    assert.equal(state.view, 'architecture');
    assert.ok(state.transforms.architecture.scale > 1);
    // 0 fits again.
    await viewport.focus();
    await preview.page.keyboard.press('0');
    assert.notEqual(await transform(), zoomed);
  });

  it('keeps the last good diagram with a visible warning while the YAML is broken', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    const broken = diagramsOrStale(SPEC.replace('name: Photo sharing', 'name: "Photo sharing'), 2);
    assert.equal(broken.stale, true);
    if (!broken.stale) return;
    await preview.send({ type: 'stale', version: broken.version, message: broken.message });
    const banner = preview.page.locator('.banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /cannot be read[\s\S]*Line \d+/);
    assert.equal(await preview.page.locator('.stage g.node').count(), 7, 'the last diagram stays');
    // The next good version clears the warning.
    await preview.update(diagramsOf(SPEC, 3), 'architecture');
    assert.equal(await banner.isHidden(), true);
  });

  it("shows the core's message and Mermaid's errors as text, never as HTML", async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(SPEC, 1);
    const views = d.views.map((v) => (v.key === 'er' ? { ...v, text: undefined, error: 'This diagram has <b>600</b> connections; the preview draws at most 500.' } : v));
    await preview.update({ ...d, views }, 'architecture');
    await preview.showView('er', 1);
    const message = preview.page.locator('.message');
    assert.equal(await message.innerText(), 'This diagram has <b>600</b> connections; the preview draws at most 500.');
    assert.equal(await message.locator('b').count(), 0);
    // Text Mermaid cannot parse: its error as text, and the page survives.
    const bad: PreviewDiagrams = {
      ...d,
      version: 2,
      views: d.views.map((v) => (v.key === 'architecture' ? { ...v, text: 'flowchart LR\n  n0["<img src=x onerror=window.__canary=1>\n' } : v)),
    };
    await preview.send({ type: 'showView', view: 'architecture' });
    await preview.send({ type: 'update', diagrams: bad });
    await preview.page.locator('.message', { hasText: 'Mermaid could not draw this diagram' }).waitFor();
    assert.equal(await message.locator('img').count(), 0);
    assert.equal(await preview.page.locator('body > :not(#app):not(script)').count(), 0, 'Mermaid left no error element behind');
  });

  it('steps through a dry run on the architecture and on its sequence diagram', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(SPEC, 1);
    await preview.update(d, 'architecture');
    const flow = d.flows[0];
    await preview.page.locator('.viewport').focus();
    await preview.page.keyboard.press('n');
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'selectStep'), { type: 'selectStep', view: flow.key, step: 0 });
    const marked = () =>
      preview.page.evaluate(() =>
        [...document.querySelectorAll('.stage .sd-step')].map((e) => e.getAttribute('data-sd-node') ?? e.getAttribute('data-id') ?? e.getAttribute('class')),
      );
    // Step 1 is client -> lb: both nodes and the edge between them.
    const first = flow.steps[0];
    assert.deepEqual((await marked()).sort(), [first.fromNode, `L_${first.fromNode}_${first.toNode}_0`, first.toNode].sort());
    assert.match(
      await preview.page.locator('.step-caption').innerText(),
      /^Step 1 of 6: client → lb: POST \/v1\/photos · rate 23\.1\/s · peak 46\.3\/s · 20 ms at peak$/,
      "the step, then the flow's rate",
    );
    await preview.clearPosted();
    await preview.page.getByRole('button', { name: 'Next step (n)' }).click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'selectStep'), { type: 'selectStep', view: flow.key, step: 1 });
    // The same step on the dry run's own diagram: its second message.
    await preview.showView(flow.key, 1);
    assert.equal(await preview.page.locator('.stage .sd-step').count(), 2, 'the message line and its text');
    assert.equal(await preview.page.locator('.stage text.sd-step').count(), 1);
  });

  it('highlights the node under the editor cursor', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    await preview.send({ type: 'highlight', view: 'architecture', nodeId: 'n3' });
    assert.deepEqual(await preview.page.evaluate(() => [...document.querySelectorAll('.stage .sd-highlight')].map((e) => e.getAttribute('data-sd-node'))), ['n3']);
    await preview.send({ type: 'highlight', view: 'architecture', nodeId: null });
    assert.equal(await preview.page.locator('.stage .sd-highlight').count(), 0);
  });

  it('exports SVG (light by default, valid XML, without our marks) and PNG', async () => {
    preview = await PreviewPage.open(browser, { bodyClass: 'vscode-dark' });
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    await preview.send({ type: 'highlight', view: 'architecture', nodeId: 'n3' });
    await preview.send({ type: 'export', requestId: 7, format: 'svg', theme: 'light' });
    const svg = (await preview.waitForPosted((m) => m.type === 'exported' || m.type === 'exportFailed')) as Extract<FromWebviewMessage, { type: 'exported' }>;
    assert.equal(svg.type, 'exported');
    assert.equal(svg.requestId, 7);
    assert.match(svg.data, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[\s>]/);
    assert.match(svg.data, /fill:#ECECFF/i, 'drawn in the light theme although VS Code is dark');
    assert.doesNotMatch(svg.data, /data-sd-node|data-sd-band|--sd-heat|sd-load-title|sd-weight|sd-highlight|tabindex/);
    const check = await preview.page.evaluate((text) => {
      const xml = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: xml.querySelector('parsererror')?.textContent ?? null, nodes: xml.querySelectorAll('g.node').length, width: xml.documentElement.getAttribute('width') };
    }, svg.data);
    assert.deepEqual({ error: check.error, nodes: check.nodes }, { error: null, nodes: 7 });
    assert.ok(Number(check.width) > 100);
    // The preview itself stayed dark.
    assert.match(await preview.page.locator('.stage > svg > style').evaluate((e) => e.textContent ?? ''), /fill:#1f2020/i);

    await preview.clearPosted();
    await preview.send({ type: 'export', requestId: 8, format: 'png', theme: 'current' });
    const png = (await preview.waitForPosted((m) => m.type === 'exported' || m.type === 'exportFailed')) as Extract<FromWebviewMessage, { type: 'exported' }>;
    assert.equal(png.type, 'exported');
    const bytes = Buffer.from(png.data, 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.readUInt32BE(16) > 200, 'PNG width at twice the diagram size');

    // The estimate is not a diagram: a clear failure, not an empty file.
    await preview.showView('estimates', 1);
    await preview.clearPosted();
    await preview.send({ type: 'export', requestId: 9, format: 'svg', theme: 'light' });
    const failed = await preview.waitForPosted((m) => m.type === 'exported' || m.type === 'exportFailed');
    assert.equal(failed.type, 'exportFailed');
  });

  it('renders 200 components and stays usable (zoom, pan, click); measures our update path against a bare mermaid.render', async function () {
    this.timeout(600_000);
    preview = await PreviewPage.open(browser);
    // The baseline: the same Mermaid and ELK loader, bundled alone (support/bareMermaid.ts), loaded with our nonce.
    await preview.loadScript(BARE_MERMAID);
    const results: Record<string, { nodes: number; layout: LayoutEngine; bareMs: number[]; oursMs: number[] }> = {};
    let version = 1;
    for (const [size, runs] of [
      [10, 5],
      [50, 5],
      [200, 3],
    ] as const) {
      const base = designWithComponents(size);
      const bareMs: number[] = [];
      const oursMs: number[] = [];
      let layout: LayoutEngine = 'dagre';
      for (let run = 0; run < runs; run++) {
        const d = diagramsOf(renamed(base, `Run ${size} ${run}`), ++version);
        const arch = d.views[0];
        const text = arch.text;
        assert.ok(text, `${size}: ${arch.error ?? ''}`);
        assert.equal(arch.nodes.filter((n) => n.kind === 'component').length, size);
        // The engine the preview picks for this size (the `auto` setting): the baseline uses the same.
        layout = chooseLayout('auto', arch.kind, arch.nodes.length);
        // Ours: from the message to the swapped-in SVG.
        const measureOurs = async () => {
          oursMs.push(
            await preview.page.evaluate(async (diagrams) => {
              const started = performance.now();
              const viewport = document.querySelector('.viewport') as HTMLElement;
              const done = new Promise<void>((resolve) => {
                const observer = new MutationObserver(() => {
                  if (viewport.dataset.version === String(diagrams.version)) {
                    observer.disconnect();
                    resolve();
                  }
                });
                observer.observe(viewport, { attributes: true, attributeFilter: ['data-version'] });
              });
              window.dispatchEvent(new MessageEvent('message', { data: { type: 'update', diagrams } }));
              await done;
              return performance.now() - started;
            }, d),
          );
        };
        // Bare: the same text, the same configuration and engine, nothing else.
        const measureBare = async () => {
          const bare = await bareRender(preview, text, layout);
          assert.equal(bare.error, undefined, bare.error);
          bareMs.push(bare.ms);
        };
        // Alternating which goes first, so neither always gets the warmer page.
        if (run % 2 === 0) {
          await measureOurs();
          await measureBare();
        } else {
          await measureBare();
          await measureOurs();
        }
      }
      results[size] = { nodes: size, layout, bareMs, oursMs };
      assert.equal(await preview.page.locator('.viewport').getAttribute('data-layout'), layout, `${size}: drawn with the chosen engine`);
      assert.equal(await preview.page.locator('.stage > svg g.node').count(), size, `${size}: one SVG node per component`);
      assert.deepEqual((await preview.shownNodeIds()).length, diagramsOf(base).views[0].nodes.length, `${size}: every node tagged`);
    }
    timings.renders = results;
    console.log('      update path vs bare mermaid.render (same engine), architecture diagrams:');
    for (const [size, r] of Object.entries(results)) {
      console.log(
        `        ${size.padStart(3)} nodes (${r.layout}): ours median ${median(r.oursMs).toFixed(0)} / min ${Math.min(...r.oursMs).toFixed(0)} ms, bare median ${median(r.bareMs).toFixed(0)} / min ${Math.min(...r.bareMs).toFixed(0)} ms, ratio ${(median(r.oursMs) / median(r.bareMs)).toFixed(2)}  [ours ${r.oursMs.map((x) => x.toFixed(0)).join(', ')}; bare ${r.bareMs.map((x) => x.toFixed(0)).join(', ')}]`,
      );
    }
    // Our path is Mermaid plus a little: parse, tag, swap. Generous for a loaded machine.
    for (const [size, r] of Object.entries(results)) {
      assert.ok(median(r.oursMs) < median(r.bareMs) * 1.5 + 150, `${size}: ours ${median(r.oursMs)} ms vs bare ${median(r.bareMs)} ms`);
    }

    // Usable at 200: the wheel, the zoom buttons and the keys zoom; a drag and the arrow keys pan; a click reveals.
    const d200 = diagramsOf(renamed(designWithComponents(200), 'Run 200 2'), version);
    const stage = preview.page.locator('.stage');
    const transform = () => stage.evaluate((e) => (e as HTMLElement).style.transform);
    const scale = async () => Number(/scale\(([^)]+)\)/.exec(await transform())?.[1]);
    const box = await preview.page.locator('.viewport').boundingBox();
    assert.ok(box);
    // The zoom of the first (10-node) rendering was kept across the updates; 0 fits the 200.
    await preview.page.locator('.viewport').focus();
    await preview.page.keyboard.press('0');
    const fitted = await scale();
    assert.ok(fitted < 1, `200 components are fitted into the window (scale ${fitted})`);
    await preview.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await preview.page.mouse.wheel(0, -400);
    await preview.page.waitForFunction((s) => !(document.querySelector('.stage') as HTMLElement).style.transform.includes(`scale(${s})`), fitted);
    const wheeled = await scale();
    assert.ok(wheeled > fitted, `the wheel zoomed in (${fitted} -> ${wheeled})`);
    await preview.page.getByRole('button', { name: 'Zoom in (+)' }).click();
    assert.ok(Math.abs((await scale()) / wheeled - 1.2) < 1e-4, 'the zoom-in button zooms by 1.2');
    await preview.page.locator('.viewport').focus();
    await preview.page.keyboard.press('-');
    assert.ok(Math.abs((await scale()) / wheeled - 1) < 1e-4, 'the minus key zooms back out');
    const zoomed = await transform();
    await preview.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await preview.page.mouse.down();
    await preview.page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 100, { steps: 4 });
    await preview.page.mouse.up();
    const dragged = await transform();
    assert.notEqual(dragged, zoomed, 'a drag panned');
    await preview.page.locator('.viewport').focus();
    await preview.page.keyboard.press('ArrowDown');
    assert.notEqual(await transform(), dragged, 'an arrow key panned');

    // A zoom step at this size, from the event to the next frame (style, layout and paint
    // of 200 nodes and 389 edges under a new transform): the app adds nothing per node.
    const frameMs = await preview.page.evaluate(async () => {
      const viewport = document.querySelector('.viewport') as HTMLElement;
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 === 0 ? -100 : 100, clientX: 300, clientY: 300, bubbles: true, cancelable: true }));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        times.push(performance.now() - started);
      }
      return times;
    });
    timings.zoomFrameMs200 = frameMs;
    console.log(`      zoom step at 200 components, event to painted frame: median ${median(frameMs).toFixed(0)} ms [${frameMs.map((x) => x.toFixed(0)).join(', ')}]`);
    assert.ok(median(frameMs) < 250, `a zoom step at 200 components takes ${median(frameMs).toFixed(0)} ms to the next frame`);

    // A click on a node reveals that component: the node drawn with its id, and the id in the message.
    await preview.page.keyboard.press('0');
    await preview.clearPosted();
    const target = d200.views[0].nodes.find((n) => n.id === 'svc-150');
    assert.ok(target);
    const node = preview.page.locator(`.stage [data-sd-node="${target.nodeId}"]`);
    // Its drawn text (the heat map's tooltip, a `<title>`, is not drawn).
    assert.match(
      await node.evaluate((e) =>
        [...e.childNodes]
          .filter((c) => c.nodeName !== 'title')
          .map((c) => c.textContent ?? '')
          .join(''),
      ),
      /^\s*svc-150(\s|×|$)/,
      'the tagged element draws svc-150',
    );
    await node.click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'reveal'), { type: 'reveal', view: 'architecture', nodeId: target.nodeId });
  });

  it('lays the architecture out with ELK when the setting asks for it, loading ELK once under the CSP', async function () {
    this.timeout(300_000);
    preview = await PreviewPage.open(browser, { state: { layout: 'elk' } });
    const elkRequests = () => preview.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/webview/elk.js')).length);
    assert.equal(await elkRequests(), 0, 'ELK is not loaded before a diagram needs it');
    const d = diagramsOf(SPEC, 1);
    await preview.update(d, 'architecture');
    const viewport = preview.page.locator('.viewport');
    assert.equal(await viewport.getAttribute('data-layout'), 'elk');
    assert.equal(await preview.page.locator('.stage g.node').count(), 7);
    assert.equal(await preview.page.locator('.stage g.cluster').count(), 1, 'the group is drawn by ELK too');
    assert.deepEqual(await preview.shownNodeIds(), d.views[0].nodes.map((n) => n.nodeId).sort());
    assert.equal(await elkRequests(), 1);
    assert.equal(await preview.page.evaluate(() => 'sysdesignElkLayout' in globalThis), false, 'the hand-over global is gone');
    // Clicks work on ELK's drawing as on dagre's.
    const api = d.views[0].nodes.find((n) => n.id === 'api');
    assert.ok(api);
    await preview.page.locator(`.stage [data-sd-node="${api.nodeId}"]`).click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'reveal'), { type: 'reveal', view: 'architecture', nodeId: api.nodeId });

    // ELK's drawing of label payloads: text, no element, no configuration, no script (the canary and CSP checks of afterEach).
    const payloads = diagramsOf(payloadDesign(), 2);
    await preview.update(payloads, 'architecture');
    assert.equal(await viewport.getAttribute('data-layout'), 'elk');
    assert.equal(await preview.page.locator('.stage g.node').count(), PAYLOADS.length, 'one node per component: the quote payload made no extra node');
    const drawn = preview.page.locator('.stage > svg');
    const text = await drawn.evaluate((e) => e.textContent ?? '');
    for (const payload of PAYLOADS) assert.ok(text.includes(payload), `ELK shows ${JSON.stringify(payload)} as written`);
    assert.equal(await drawn.locator('img, script, iframe, a').count(), 0);
    assert.doesNotMatch(await drawn.evaluate((e) => e.outerHTML), /#cde498/i, 'no forest theme');
    await preview.update(diagramsOf(SPEC, 3), 'architecture');

    // The setting changes: dagre draws it again; `auto` is dagre too, so nothing renders.
    const renders = await preview.renders();
    await preview.send({ type: 'layout', layout: 'dagre' });
    await preview.page.waitForFunction((n) => Number(document.querySelector('.viewport')?.getAttribute('data-renders')) > n, renders);
    assert.equal(await viewport.getAttribute('data-layout'), 'dagre');
    await preview.send({ type: 'layout', layout: 'auto' });
    await preview.send({ type: 'highlight', view: 'architecture', nodeId: null }); // a message after it, to know it was handled
    assert.equal(await preview.renders(), renders + 1, 'auto is dagre: the same drawing, no render');
    assert.equal(await viewport.getAttribute('data-layout'), 'dagre');
    // A dry run is a sequence diagram: no layout engine, whatever the setting.
    await preview.send({ type: 'layout', layout: 'elk' });
    await preview.page.waitForFunction((n) => Number(document.querySelector('.viewport')?.getAttribute('data-renders')) > n, renders + 1);
    await preview.showView('flow:upload-photo-dry-run', 3);
    assert.equal(await viewport.getAttribute('data-layout'), 'dagre');
    assert.equal(await elkRequests(), 1, 'ELK was loaded once');

    // A 200-component architecture with ELK: complete, and its time next to a bare render with ELK.
    await preview.loadScript(BARE_MERMAID);
    await preview.showView('architecture', 3);
    const big = diagramsOf(designWithComponents(200), 4);
    const started = Date.now();
    await preview.update(big, 'architecture');
    const oursMs = Date.now() - started;
    assert.equal(await viewport.getAttribute('data-layout'), 'elk');
    assert.equal(await preview.page.locator('.stage > svg g.node').count(), 200);
    const bare = await bareRender(preview, big.views[0].text ?? '', 'elk');
    assert.deepEqual({ error: bare.error, nodes: bare.nodes }, { error: undefined, nodes: 200 });
    timings.elk200 = { oursMs, bareMs: bare.ms };
    console.log(`      200 components with ELK: ours ${oursMs} ms (update to shown, measured from Node), bare ${bare.ms.toFixed(0)} ms`);
    assert.ok(oursMs < bare.ms * 2 + 1000, `ours ${oursMs} ms vs bare ${bare.ms.toFixed(0)} ms`);
  });

  it('colours the architecture by utilisation band, with a legend, tooltips and weighted edges, without rendering again', async () => {
    preview = await PreviewPage.open(browser, { bodyClass: 'vscode-dark' });
    const d = diagramsOf(HEAT, 1);
    const load = d.load!;
    assert.deepEqual(
      load.components.map((c) => [c.id, c.band, c.utilisationText]),
      [
        ['search', 'saturated', '120%'],
        ['db', 'high', '84%'],
        ['cache', 'target', '60%'],
        ['api', 'low', '30%'],
        ['lb', 'unknown', '—'],
      ],
    );
    await preview.update(d, 'architecture');
    const page = preview.page;
    const nodeOf = (id: string) => d.views[0].nodes.find((n) => n.id === id)!.nodeId;
    const bandOf = (id: string) =>
      page
        .locator(`.stage [data-sd-node="${nodeOf(id)}"]`)
        .first()
        .getAttribute('data-sd-band');
    for (const c of load.components) assert.equal(await bandOf(c.id), c.band, `${c.id}: band`);
    // A node's fill is its band's colour: the same as the legend's swatch, different per band.
    const fillOf = (id: string) =>
      page
        .locator(`.stage [data-sd-node="${nodeOf(id)}"]`)
        .first()
        .evaluate((g) => getComputedStyle(g.querySelector('[style*="--sd-heat"]')!).fill);
    const swatch = (band: string) => page.locator(`.legend .swatch[data-band="${band}"]`).evaluate((e) => getComputedStyle(e).backgroundColor);
    const fills = new Set<string>();
    for (const [id, band] of [
      ['api', 'low'],
      ['cache', 'target'],
      ['db', 'high'],
      ['search', 'saturated'],
    ]) {
      const fill = await fillOf(id);
      assert.equal(fill, await swatch(band), `${id}: the ${band} colour`);
      fills.add(fill);
    }
    assert.equal(fills.size, 4, 'four distinct colours');
    // The legend: visible on the architecture, the server's words, in order.
    const legend = page.locator('.legend');
    assert.ok(await legend.isVisible());
    assert.deepEqual(
      await legend.locator('.legend-item').allInnerTexts(),
      load.bands.map((b) => b.text),
    );
    assert.match(await legend.innerText(), /50%–70% \(target\)/);
    // Tooltips: an SVG title with the figures.
    const title = await page
      .locator(`.stage [data-sd-node="${nodeOf('search')}"] > title`)
      .first()
      .textContent();
    assert.equal(title, 'search: peak 1.2k/s · 1 × 1k/s · 120% · needs 2');
    // Edges weighted by peak rate: the busiest edge (api -> search) is the thickest.
    const width = (from: string, to: string) =>
      page.locator(`.stage path.flowchart-link[data-id^="L_${nodeOf(from)}_${nodeOf(to)}_"]`).evaluate((e) => parseFloat(getComputedStyle(e).strokeWidth));
    assert.ok((await width('api', 'search')) > (await width('api', 'cache')), 'api -> search is drawn thicker than api -> cache');
    // Only the load changes (a capacity): colours move, Mermaid does not render again.
    const renders = await preview.renders();
    await preview.update(diagramsOf(HEAT.replace('capacity: 1000/s\n    replicas: 2', 'capacity: 250/s\n    replicas: 2'), 2), 'architecture');
    await page.waitForFunction((n) => document.querySelector(`.stage [data-sd-node="${n}"]`)?.getAttribute('data-sd-band') === 'saturated', nodeOf('api'));
    assert.equal(await preview.renders(), renders, 'no new render for a load change');
    assert.equal(await fillOf('api'), await swatch('saturated'));
    // An export of the picture on screen leaves the heat map out (its colours are theme variables), and the screen keeps it.
    await preview.send({ type: 'export', requestId: 9, format: 'svg', theme: 'current' });
    const exported = (await preview.waitForPosted((m) => m.type === 'exported' || m.type === 'exportFailed')) as Extract<FromWebviewMessage, { type: 'exported' }>;
    assert.equal(exported.type, 'exported');
    assert.doesNotMatch(exported.data, /data-sd-band|--sd-heat|sd-load-title|sd-weight/);
    assert.equal(await bandOf('api'), 'saturated');
    assert.equal(await fillOf('api'), await swatch('saturated'));
    // No legend on other views.
    await preview.showView('flow:read', 2);
    assert.equal(await legend.isVisible(), false);
  });

  it('draws the utilisation bar chart in the Estimates tab: sorted, proportional, a target line, keyboard focus', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(HEAT, 1);
    await preview.update(d, 'architecture');
    await preview.showView('estimates', 1);
    const page = preview.page;
    const rows = page.locator('.utilisation .bars .bar-row');
    assert.deepEqual(await rows.evaluateAll((es) => es.map((e) => e.getAttribute('data-id'))), ['search', 'db', 'cache', 'api', 'lb'], 'busiest first');
    assert.deepEqual(await page.locator('.utilisation .bars .bar').evaluateAll((es) => es.map((e) => e.getAttribute('data-band'))), [
      'saturated',
      'high',
      'target',
      'low',
      'unknown',
    ]);
    const geometry = await page.evaluate(() => {
      const track = document.querySelector('.utilisation .bars .track')!.getBoundingClientRect();
      const bars = [...document.querySelectorAll('.utilisation .bars .bar')].map((b) => b.getBoundingClientRect().width);
      const line = document.querySelector('.utilisation .bars .target-line')!.getBoundingClientRect();
      return { trackLeft: track.left, trackWidth: track.width, bars, lineLeft: line.left, lineTop: line.top, lineBottom: line.bottom };
    });
    // The scale ends at the busiest (120 %): widths are utilisation / 1.2 of the track.
    const expected = [1.2, 0.84, 0.6, 0.3].map((u) => (u / 1.2) * geometry.trackWidth);
    expected.forEach((w, i) => assert.ok(Math.abs(geometry.bars[i] - w) < 1.5, `bar ${i}: ${geometry.bars[i]} ≈ ${w}`));
    assert.ok(Math.abs(geometry.lineLeft - (geometry.trackLeft + (0.7 / 1.2) * geometry.trackWidth)) < 2, 'the target line at 70 %');
    assert.equal(await page.locator('.utilisation .bars .target-line').evaluate((e) => getComputedStyle(e).borderLeftStyle), 'dashed', 'the target line is drawn');
    const firstRow = await rows.first().boundingBox();
    const lastRow = await rows.last().boundingBox();
    assert.ok(geometry.lineTop <= firstRow!.y + 1 && geometry.lineBottom >= lastRow!.y + lastRow!.height - 1, 'the line spans every row');
    // Keyboard: rows take focus with Tab, arrows move between them; each row is labelled.
    await rows.first().focus();
    assert.match((await rows.first().getAttribute('aria-label')) ?? '', /^search: 120% utilisation at peak, peak 1\.2k\/s, 1 × 1k\/s, needs 2$/);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'db');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'lb');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'api');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'cache', 'rows are in the tab order');
    // The tables are still there after the chart.
    assert.ok((await page.locator('.estimates table.estimate').count()) > 0);
  });

  it('charts the cost per month beside the utilisation, and shows a scenario: its picker, its line, the failed component dashed (issue #16)', async () => {
    preview = await PreviewPage.open(browser);
    const text = `${SPEC.trimEnd()}\n\nscenarios:\n  - id: launch\n    label: Launch day\n    set:\n      dau: 20M\n  - id: cache-down\n    fail: [feed-cache]\n`;
    await preview.update(diagramsOf(text, 1), 'architecture');
    const page = preview.page;
    // The base: a picker with the base and each scenario, no scenario line, nothing failed.
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    assert.deepEqual(await picker.locator('option').allTextContents(), ['Base design', 'Launch day', 'cache-down']);
    assert.equal(await picker.inputValue(), '');
    assert.equal(await page.locator('.scenario-line').isVisible(), false);
    // Choosing posts the id, nothing else; the extension answers with the scenario's diagrams (same version).
    await picker.selectOption('cache-down');
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'selectScenario'), { type: 'selectScenario', scenario: 'cache-down' });
    await preview.send({ type: 'update', diagrams: diagramsOf(text, 1, 'cache-down') });
    await page.locator('.scenario-line', { hasText: 'Scenario "cache-down": peak 10.5k/s' }).waitFor();
    const failed = page.locator('.stage > svg [data-sd-node][data-sd-failed="true"]');
    await failed.waitFor();
    assert.equal(await failed.count(), 1);
    assert.equal(
      await failed
        .locator(':scope > :is(rect, polygon, path)')
        .first()
        .evaluate((e) => getComputedStyle(e).strokeDasharray),
      '6px, 4px',
      'drawn dashed',
    );
    await page.locator('.legend-item[data-failed="true"]', { hasText: 'down in this scenario' }).waitFor();
    assert.ok((await page.getByRole('tab', { name: 'Dry run: view-feed-dry-run (broken)' }).count()) === 1);
    // Back to the base: no failed mark left.
    await preview.send({ type: 'update', diagrams: diagramsOf(text, 1) });
    await page.locator('.scenario-line').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.stage > svg [data-sd-failed]').count(), 0);
    // The cost chart: the most expensive first, widths in proportion, each row labelled with its prices.
    await preview.showView('estimates', 1);
    const rows = page.locator('.cost-chart .bar-row');
    const d = diagramsOf(text, 1);
    assert.deepEqual(
      await rows.evaluateAll((es) => es.map((e) => e.getAttribute('data-id'))),
      d.cost!.components.map((c) => c.id),
    );
    assert.equal(await rows.first().getAttribute('data-id'), 'lb');
    const widths = await page.locator('.cost-chart .bar').evaluateAll((es) => es.map((e) => e.getBoundingClientRect().width));
    const track = await page
      .locator('.cost-chart .track')
      .first()
      .evaluate((e) => e.getBoundingClientRect().width);
    // (a bar's 1px border makes 2px the least it shows)
    d.cost!.components.forEach((c, i) => assert.ok(Math.abs(widths[i] - Math.max(2, c.share * track)) < 1.5, `${c.id}: ${widths[i]} ≈ ${c.share * track}`));
    assert.match((await rows.first().getAttribute('aria-label')) ?? '', /^lb: \$3\.24M a month \(transfer \$3\.24M · fixed \$16\.2\)$/);
    await page.locator('.cost-chart h2', { hasText: 'Cost per month (≈ $3.58M/month)' }).waitFor();
    await page.locator('table.estimate caption', { hasText: 'Base and scenarios' }).waitFor();
  });

  it('compares with another version: what with and what changed in a line, marks on the architecture, the Changes tab, Stop posts (issue #18)', async () => {
    preview = await PreviewPage.open(browser);
    // The document: feed-cache removed (with its uses left dangling), a search component added, api's replicas changed.
    const now = SPEC.replace('    tech: Redis\n', '    tech: Redis\n  - id: search\n    kind: search\n')
      .replace('replicas: 8 ', 'replicas: 12')
      .replace(/\n {2}- id: feed-cache\n {4}kind: cache\n {4}tech: Redis\n/, '\n');
    const compared = diagramsOf(now, 1, undefined, { name: 'HEAD', text: SPEC });
    await preview.update(diagramsOf(now, 1), 'architecture');
    const page = preview.page;
    assert.equal(await page.locator('.compare-line').isVisible(), false);
    assert.equal(await page.getByRole('tab', { name: 'Changes' }).count(), 0);
    // The same version, now compared: news all the same.
    await preview.send({ type: 'update', diagrams: compared });
    await page.locator('.compare-line', { hasText: `Compared with HEAD: ${compared.comparison!.summary} · removed: feed-cache` }).waitFor();
    const nodeOf = (id: string) => compared.views[0].nodes.find((n) => n.kind === 'component' && n.id === id)!.nodeId;
    const marked = page.locator('.stage > svg [data-sd-node][data-sd-diff]');
    await marked.first().waitFor();
    assert.deepEqual(
      await marked.evaluateAll((es) =>
        es.map((e) => [
          e.getAttribute('data-sd-node'),
          e.getAttribute('data-sd-diff'),
          e.getAttribute('aria-label'),
          e.querySelector(':scope > g.sd-diff-badge > text')?.textContent,
        ]),
      ),
      [
        [nodeOf('api'), 'changed', 'Component api: reveal in the editor (changed since HEAD)', 'changed'],
        [nodeOf('search'), 'added', 'Component search: reveal in the editor (added since HEAD)', 'added'],
      ].sort((a, b) => compared.views[0].nodes.findIndex((n) => n.nodeId === a[0]) - compared.views[0].nodes.findIndex((n) => n.nodeId === b[0])),
    );
    const glow = await marked
      .first()
      .locator(':scope > :is(rect, polygon, path, circle, ellipse), :scope > g > :is(rect, polygon, path, circle, ellipse)')
      .first()
      .evaluate((e) => getComputedStyle(e).filter);
    assert.match(glow, /drop-shadow/, 'a glow in the Git colour');
    for (const mark of ['added', 'changed']) await page.locator(`.legend-item[data-diff="${mark}"]`, { hasText: `${mark} since HEAD` }).waitFor();
    // The README's picture of it (SYSDESIGN_UPDATE_README_IMAGES=1), else one to look at.
    const shots = process.env.SYSDESIGN_UPDATE_README_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'webview');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'preview-compare.png') });
    // The Changes tab: each change field by field, and the figures that moved; keyboard reaches it from the tab strip.
    await page.getByRole('tab', { name: 'Architecture' }).focus();
    await page.keyboard.press('End');
    await preview.waitForShown(1, 'changes');
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'viewChanged' && m.view === 'changes'), { type: 'viewChanged', view: 'changes' });
    const apiRow = page.locator('table.changes tbody tr', { has: page.locator('th', { hasText: /^api$/ }) });
    assert.deepEqual(await apiRow.locator(':scope > *').allTextContents(), ['changed', 'components', 'api', 'replicas: 8', 'replicas: 12']);
    assert.equal(await page.locator('table.metrics tbody tr').count(), compared.comparison!.metrics.length);
    assert.equal(await page.locator('.viewport').isVisible(), false, 'a panel of text, not a diagram');
    // Stop comparing: the button posts the one message; the extension answers without a comparison.
    await page.getByRole('button', { name: 'Stop comparing' }).click();
    assert.deepEqual(await preview.waitForPosted((m) => m.type === 'stopComparing'), { type: 'stopComparing' });
    await preview.send({ type: 'update', diagrams: diagramsOf(now, 1) });
    await preview.waitForShown(1, 'architecture');
    await page.locator('.compare-line').waitFor({ state: 'hidden' });
    assert.equal(await page.getByRole('tab', { name: 'Changes' }).count(), 0);
    assert.equal(await page.locator('.stage > svg [data-sd-diff], .stage > svg .sd-diff-badge').count(), 0, 'no mark left');
  });

  it('shows the Changes tab the extension asked for before the comparison arrived', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(SPEC, 1), 'architecture');
    await preview.send({ type: 'showView', view: 'changes' });
    await preview.update(diagramsOf(SPEC, 1, undefined, { name: 'v1.sysdesign.yaml', text: SPEC }), 'changes');
    await preview.page.locator('.changes-summary', { hasText: 'Compared with v1.sysdesign.yaml: no differences.' }).waitFor();
  });

  it('shows the flow rate and the queueing wait at each hop while stepping', async () => {
    preview = await PreviewPage.open(browser);
    await preview.update(diagramsOf(HEAT, 1), 'architecture');
    const caption = preview.page.locator('.step-caption');
    assert.match(await caption.innerText(), /^4 steps · rate 300\/s · peak 600\/s · saturated: search$/);
    await preview.page.keyboard.press('n');
    await preview.page.keyboard.press('n');
    assert.match(await caption.innerText(), /^Step 2 of 4: api → cache \(cache: wait 1\.13 ms at peak\) · rate 300\/s/);
    await preview.page.keyboard.press('n');
    assert.match(await caption.innerText(), /^Step 3 of 4: api → db \(db: wait 3\.96 ms at peak\)/);
  });
});
