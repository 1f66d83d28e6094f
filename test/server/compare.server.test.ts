/**
 * `sysdesign/compare` over a real LSP connection (issue #18): a document compared with
 * another version gets a `comparison` in its diagrams (the architecture nodes added and
 * changed, the removed components, the changes and the figures that moved), which follows
 * every edit and ends on request or when the document closes. Bad params never fail a handler.
 */
import * as assert from 'node:assert/strict';
import type { CompareResult, PreviewDiagrams } from '../../src/protocol';
import { serverForSuite } from './support/lspClient';
import { edited, example } from '../support/example';

describe('comparing a design with another version (sysdesign/compare)', function () {
  this.timeout(20000);
  const server = serverForSuite();
  let n = 0;

  const compare = (uri: string, baseline: unknown) => server().connection.sendRequest('sysdesign/compare', { uri, baseline }) as Promise<CompareResult>;
  const diagramsOf = (uri: string) => server().connection.sendRequest('sysdesign/diagrams', { uri }) as Promise<PreviewDiagrams>;

  /** The example as the version compared with, and the document: feed-cache removed (with its uses), a service added, api's replicas changed. */
  const changed = edited('    tech: Redis\n', '    tech: Redis\n  - id: search\n    kind: search\n')
    .replace('replicas: 8 ', 'replicas: 12')
    .replace(/\n {2}- id: feed-cache\n {4}kind: cache\n {4}tech: Redis\n/, '\n');

  it('marks what changed on the architecture, lists what is gone, and the figures that moved', async () => {
    const uri = `file:///work/compare-${++n}.sysdesign.yaml`;
    await server().open(uri, changed);
    const result = await compare(uri, { name: 'HEAD', text: example });
    assert.ok(result && 'comparing' in result && result.comparing, JSON.stringify(result));
    assert.match(result.summary, /1 added, 1 removed, \d+ changed; \d+ figures? moved/);
    const diagrams = await diagramsOf(uri);
    const nodeOf = (id: string) => diagrams.views[0].nodes.find((x) => x.kind === 'component' && x.id === id)?.nodeId;
    const c = diagrams.comparison!;
    assert.equal(c.against, 'HEAD');
    assert.equal(c.summary, result.summary);
    assert.deepEqual(c.addedNodes, [nodeOf('search')]);
    assert.deepEqual(c.changedNodes, [nodeOf('api')]);
    assert.deepEqual(c.removed, ['feed-cache']);
    assert.deepEqual(
      c.changes.find((x) => x.section === 'components' && x.id === 'api'),
      { change: 'changed', section: 'components', id: 'api', fields: [{ field: 'replicas', before: '8', after: '12' }] },
    );
    const instances = c.metrics.find((m) => m.label === 'Instances');
    assert.ok(instances, JSON.stringify(c.metrics.map((m) => m.label)));
    // Independently: api 8 -> 12 replicas, feed-cache's instances gone, search's added.
    assert.notEqual(instances.before, instances.after);
  });

  it('follows every edit and stops on request', async () => {
    const uri = `file:///work/compare-${++n}.sysdesign.yaml`;
    await server().open(uri, example);
    const same = await compare(uri, { name: 'v1.sysdesign.yaml', text: example });
    assert.deepEqual(same, { comparing: true, summary: 'no differences' });
    assert.deepEqual((await diagramsOf(uri)).comparison?.changes, []);
    await server().change(uri, example.replace('replicas: 8 ', 'replicas: 9 '), 2);
    const after = await diagramsOf(uri);
    assert.equal(after.version, 2);
    assert.deepEqual(
      after.comparison?.changes.map((x) => x.id),
      ['api'],
    );
    assert.deepEqual(await compare(uri, null), { comparing: false });
    assert.equal((await diagramsOf(uri)).comparison, undefined);
  });

  it('refuses what is not a version to compare with, in one sentence', async () => {
    const uri = `file:///work/compare-${++n}.sysdesign.yaml`;
    await server().open(uri, example);
    for (const bad of [undefined, 42, 'text', { name: 'x' }, { text: example }, { name: 1, text: example }]) {
      assert.deepEqual(await compare(uri, bad), { error: 'Nothing to compare with.' }, JSON.stringify(bad));
    }
    const huge = await compare(uri, { name: 'big.yaml', text: 'x'.repeat(2_000_001) });
    assert.match((huge as { error: string }).error, /^big\.yaml is too large to compare \(2,000,001 characters; at most 2,000,000\)\.$/);
    assert.equal((await diagramsOf(uri)).comparison, undefined);
    // Any text is a version: a broken one compares as a design with errors, never a failure.
    const broken = await compare(uri, { name: 'broken', text: 'name: [unclosed' });
    assert.ok(broken && 'comparing' in broken && broken.comparing);
    assert.equal(await compare('file:///work/not-open.sysdesign.yaml', { name: 'x', text: example }), null);
  });

  it('forgets the comparison when the document closes', async () => {
    const uri = `file:///work/compare-${++n}.sysdesign.yaml`;
    await server().open(uri, changed);
    await compare(uri, { name: 'HEAD', text: example });
    await server().close(uri);
    await server().open(uri, changed);
    assert.equal((await diagramsOf(uri)).comparison, undefined);
  });
});
