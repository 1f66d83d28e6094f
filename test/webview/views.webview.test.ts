// The overview, the focus view and story mode in the preview webview (issue #17), in
// Chromium: what the controls post, and what the preview shows once the server answers
// (the answers come from the real server feature with the options the webview sent).
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { FromWebviewMessage } from '../../src/protocol';
import { diagramsOf, launchBrowser, PreviewPage, readRepoFile } from './support/harness';

const TWITTER = readRepoFile('examples', 'twitter.sysdesign.yaml');
const SPEC = readRepoFile('test', 'fixtures', 'spec-example.sysdesign.yaml');

type ViewOptions = Extract<FromWebviewMessage, { type: 'viewOptions' }>;

describe('overview, focus and story in the preview (issue #17)', function () {
  let browser: Browser;
  let preview: PreviewPage;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async function () {
    await preview?.closeChecked(this.currentTest?.state !== 'failed');
  });

  /** The last `viewOptions` the webview posted after `count` of them. */
  async function nextOptions(after: number): Promise<ViewOptions> {
    await preview.waitForPosted(() => true);
    for (;;) {
      const all = (await preview.posted()).filter((m): m is ViewOptions => m.type === 'viewOptions');
      if (all.length > after) return all[all.length - 1];
      await preview.page.waitForFunction((n) => window.__posted.filter((m) => m.type === 'viewOptions').length > n, after);
    }
  }
  const optionsCount = async () => (await preview.posted()).filter((m) => m.type === 'viewOptions').length;

  it('tells the server the size of its diagram area, and expands and collapses a group of the overview with a click or Enter', async () => {
    preview = await PreviewPage.open(browser);
    const first = await nextOptions(0);
    assert.deepEqual(first.expanded, []);
    assert.equal(first.focus, null);
    assert.ok(first.panel && first.panel.width > 0 && first.panel.height > 0, JSON.stringify(first));
    const panel = first.panel;
    const d = diagramsOf(TWITTER, 1, undefined, undefined, { panel });
    await preview.update(d, 'architecture');
    await preview.page.getByRole('tab', { name: 'Overview' }).click();
    await preview.waitForShown(1, 'overview');
    const overview = d.views.find((v) => v.key === 'overview')!;
    const group = overview.nodes.find((n) => n.kind === 'group')!;
    const before = await optionsCount();
    await preview.page.locator(`.stage > svg [data-sd-node="${group.nodeId}"]`).first().click();
    const expandedOptions = await nextOptions(before);
    assert.deepEqual(expandedOptions.expanded, [group.id]);
    assert.equal((await preview.posted()).filter((m) => m.type === 'reveal').length, 0, 'a group of the overview expands instead of revealing');
    // The server's answer at the same version: the group drawn open, its members inside.
    const open = diagramsOf(TWITTER, 1, undefined, undefined, { panel, expanded: [group.id] });
    await preview.send({ type: 'update', diagrams: open });
    const openOverview = open.views.find((v) => v.key === 'overview')!;
    assert.ok(openOverview.nodes.length > overview.nodes.length);
    await preview.page.locator(`.viewport[data-renders]`).waitFor();
    await preview.page.waitForFunction((n) => document.querySelectorAll('.stage > svg [data-sd-node]').length >= n, openOverview.nodes.length);
    // Enter on the (now open) group collapses it again.
    const count = await optionsCount();
    await preview.page.locator(`.stage > svg [data-sd-node="${group.nodeId}"]`).first().focus();
    await preview.page.keyboard.press('Enter');
    assert.deepEqual((await nextOptions(count)).expanded, []);
    // Remembered for a reload.
    assert.deepEqual(await preview.page.evaluate(() => (window.__state as { expanded?: string[] }).expanded), []);
  });

  it('shows a component in focus from a double click or the f key, and keeps it when the server answers', async () => {
    preview = await PreviewPage.open(browser);
    const { panel } = await nextOptions(0);
    await preview.update(diagramsOf(SPEC, 1, undefined, undefined, { panel }), 'architecture');
    const api = diagramsOf(SPEC, 1).views[0].nodes.find((n) => n.id === 'api')!;
    const before = await optionsCount();
    await preview.page.locator(`.stage > svg [data-sd-node="${api.nodeId}"]`).first().dblclick();
    assert.equal((await nextOptions(before)).focus, 'api');
    const focused = diagramsOf(SPEC, 1, undefined, undefined, { panel, focus: 'api' });
    await preview.update(focused, 'focus:api');
    const view = focused.views.find((v) => v.key === 'focus:api')!;
    assert.equal(await preview.page.getByRole('tab', { name: view.title }).getAttribute('aria-selected'), 'true');
    assert.equal(await preview.page.locator('.stage > svg [data-sd-node]').count(), view.nodes.length);
    assert.equal(await preview.page.evaluate(() => (window.__state as { focus?: string }).focus), 'api');
    // From the focus view, f on a neighbour focuses it in turn.
    const neighbour = view.nodes.find((n) => n.kind === 'component' && n.id !== 'api')!;
    const count = await optionsCount();
    await preview.page.locator(`.stage > svg [data-sd-node="${neighbour.nodeId}"]`).first().focus();
    await preview.page.keyboard.press('f');
    assert.equal((await nextOptions(count)).focus, neighbour.id);
  });

  it('replays the design stage by stage on the architecture, edges appearing with their ends, and back to the whole', async () => {
    preview = await PreviewPage.open(browser);
    const d = diagramsOf(SPEC, 1);
    assert.ok(d.story && d.story.stages.length >= 3, 'one stage per component here');
    await preview.update(d, 'architecture');
    const page = preview.page;
    const story = page.getByRole('button', { name: 'Story: replay the design stage by stage' });
    await story.click();
    assert.equal(await story.getAttribute('aria-pressed'), 'true');
    const shownNodes = () =>
      page.locator('.stage > svg [data-sd-node]:not([data-sd-story-hidden])').evaluateAll((es) => [...new Set(es.map((e) => e.getAttribute('data-sd-node')))].sort());
    const shownEdges = () => page.locator('.stage > svg path.flowchart-link:not([data-sd-story-hidden])').evaluateAll((es) => es.map((e) => e.getAttribute('data-id')));
    const expected = (k: number) => [...new Set(d.story!.stages.slice(0, k + 1).flatMap((s) => s.nodeIds))].sort();
    await page.locator('.story-label', { hasText: `1/${d.story.stages.length} ` }).waitFor();
    assert.deepEqual(await shownNodes(), expected(0));
    // Forward to the third stage: its nodes, and only the edges whose two ends are shown.
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.locator('.story-label', { hasText: `3/${d.story.stages.length} ` }).waitFor();
    assert.deepEqual(await shownNodes(), expected(2));
    for (const id of await shownEdges()) {
      const [, from, to] = /^L_([a-z]\d+)_([a-z]\d+)_\d+$/.exec(id ?? '')!;
      assert.ok(expected(2).includes(from) && expected(2).includes(to), `${id} has both ends shown`);
    }
    assert.equal(await page.getByRole('button', { name: 'Previous stage' }).isDisabled(), false);
    // Leave: the whole design again.
    await story.click();
    assert.equal(await page.locator('.stage > svg [data-sd-story-hidden]').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Next stage' }).isVisible(), false);
  });
});
