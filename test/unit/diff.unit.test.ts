/**
 * `sysdesign diff` and the core's `designDiff`: what a change to a design changes, by
 * meaning; the figures that moved; the text, Markdown and JSON layouts; `git:REV`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { createAnalyzer } from '../../src/core/analyse';
import { designDiff, diffMarkdown, diffText, type DesignChange, type DesignDiff } from '../../src/core/report';
import type { Analysis } from '../../src/core/types';
import { approx } from '../support/approx';
import { replaceOnce } from '../support/text';
import { expectGolden } from './diagram.helpers';

const root = path.join(__dirname, '..', '..');
const PHOTO_FILE = 'examples/photo-sharing.sysdesign.yaml';
const photo = readFileSync(path.join(root, PHOTO_FILE), 'utf8');

function run(...argv: string[]): { status: number; out: string; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n'), err };
}

function analyse(text: string): Analysis {
  return createAnalyzer().analyse(text);
}

function diffOf(before: string, after: string): DesignDiff {
  return designDiff(analyse(before), analyse(after));
}

/** Each `[from, to]` replaced once, in order. */
function edit(text: string, ...edits: Array<[string, string]>): string {
  return edits.reduce((t, [from, to]) => replaceOnce(t, from, to), text);
}

/** The photo-sharing example with `dau` doubled and no feed cache. */
const DAU_DOUBLED: Array<[string, string]> = [['  dau: 10M ', '  dau: 20M ']];
const NO_FEED_CACHE: Array<[string, string]> = [
  ['  - id: feed-cache\n    kind: cache\n    tech: Redis\n', ''],
  // To stay valid, what names it goes too: its connection, its step and the scenario that fails it.
  ['members: [lb, api, photo-db, blobs, feed-cache]', 'members: [lb, api, photo-db, blobs]'],
  ['  - api -> feed-cache\n', ''],
  ['      - api -> feed-cache: { label: newest photo ids, size: 20 * 16 bytes }\n', ''],
  ["  - id: cache-down\n    label: Feed cache down\n    fail: [feed-cache]                    # the feed's dry run crosses it: view-feed breaks\n", ''],
];

describe('diff: the photo-sharing example without its feed cache, at twice the users (golden)', () => {
  const doubled = edit(photo, ...DAU_DOUBLED);
  const changed = edit(doubled, ...NO_FEED_CACHE);
  const before = analyse(photo);
  const after = analyse(changed);
  const d = designDiff(before, after);
  const names = { before: PHOTO_FILE, after: 'photo-sharing-no-cache.sysdesign.yaml' };

  it('reports exactly the removed component, what named it, and dau', () => {
    assert.deepEqual(d.changes, [
      { section: 'estimation', id: 'dau', change: 'changed', fields: [{ field: 'value', before: '10M', after: '20M' }] },
      {
        section: 'components',
        id: 'feed-cache',
        change: 'removed',
        fields: [
          { field: 'kind', before: 'cache', after: null },
          { field: 'tech', before: 'Redis', after: null },
          { field: 'group', before: 'backend', after: null },
        ],
      },
      { section: 'connections', id: 'api -> feed-cache', change: 'removed' },
      {
        section: 'flows',
        id: 'view-feed-dry-run',
        change: 'changed',
        fields: [{ field: 'step 3', before: 'api -> feed-cache: { label: newest photo ids, size: 20 * 16 bytes }', after: null }],
      },
      {
        section: 'scenarios',
        id: 'cache-down',
        change: 'removed',
        fields: [
          { field: 'label', before: 'Feed cache down', after: null },
          { field: 'fail', before: 'feed-cache', after: null },
        ],
      },
    ]);
    assert.deepEqual(d.summary, { added: 0, removed: 3, changed: 2, metrics: d.metrics.length, differs: true });
  });

  it('peak requests doubled, by the estimates themselves', () => {
    const peakOf = (a: Analysis) => (a.estimate.totals.peak_read_per_second ?? NaN) + (a.estimate.totals.peak_write_per_second ?? NaN);
    approx(peakOf(after), 2 * peakOf(before), 1e-12, 'peak after');
    const row = d.metrics.find((m) => m.key === 'peak_per_second');
    assert.ok(row);
    approx(row.before, peakOf(before));
    approx(row.after, peakOf(after));
    approx(row.ratio, 2);
  });

  it("the feed cache's instances and cost left the totals", () => {
    // The same design with dau doubled and the cache kept: the cache alone makes the difference.
    const kept = analyse(doubled).estimate;
    const cache = kept.components.find((c) => c.id === 'feed-cache');
    assert.ok(cache && cache.cost_per_month !== null && cache.cost_per_month > 0);
    assert.ok(!after.estimate.components.some((c) => c.id === 'feed-cache'));
    const instances = (e: Analysis['estimate']) => e.components.reduce((n, c) => n + c.instances, 0);
    const metric = (key: string) => d.metrics.find((m) => m.key === key);
    assert.equal(metric('instances')?.after, instances(kept) - cache.instances);
    assert.equal(metric('instances')?.before, instances(before.estimate));
    approx(metric('cost_per_month')?.after, (kept.cost.per_month ?? NaN) - cache.cost_per_month);
    assert.deepEqual(
      d.metrics.filter((m) => m.key.startsWith('components.feed-cache.')).map((m) => [m.key, m.after]),
      [
        ['components.feed-cache.utilisation', null],
        ['components.feed-cache.instances_needed', null],
      ],
    );
  });

  it('text, Markdown and JSON match their golden files', () => {
    expectGolden('diff/photo-sharing.txt', `${diffText(d, names).join('\n')}\n`);
    expectGolden('diff/photo-sharing.md', diffMarkdown(d, names));
    expectGolden('diff/photo-sharing.json', `${JSON.stringify(d, null, 2)}\n`);
  });

  it('the command prints the same; the new design has an error (api over capacity): exit 1, one line on stderr', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sysdesign-diff-'));
    const oldFile = path.join(dir, 'old.sysdesign.yaml');
    const newFile = path.join(dir, 'new.sysdesign.yaml');
    writeFileSync(oldFile, photo);
    writeFileSync(newFile, changed);
    const text = run('diff', oldFile, newFile);
    assert.equal(text.status, 1);
    assert.equal(text.out, diffText(d, { before: oldFile, after: newFile }).join('\n'));
    assert.deepEqual(text.err, [`sysdesign: ${newFile}: 1 error(s) in the design; run 'sysdesign check ${newFile}' for details.`]);
    assert.equal(run('diff', oldFile, newFile, '--format', 'markdown').out, diffMarkdown(d, { before: oldFile, after: newFile }).trimEnd());
    const json = run('diff', oldFile, newFile, '--format=json');
    assert.equal(`${json.out}\n`, readFileSync(path.join(root, 'test', 'golden', 'diff', 'photo-sharing.json'), 'utf8'));
    assert.equal(run('diff', newFile, oldFile).status, 0, 'the old design has the error now');
  });
});

describe('diff: changes by meaning', () => {
  const base = `sysdesign: 1
name: Shop
requirements:
  functional:
    - id: buy
      text: A user buys an item
      op: create
    - id: browse
      text: A user browses
      op: read
  non_functional:
    availability: 99.9%
    latency:
      buy: 300ms
    consistency: strong
estimation:
  dau: 1M
  values:
    orders_per_user: 1/day
  traffic:
    - id: buy
      kind: write
      per_user: orders_per_user
      size: 1KB
apis:
  - id: buy
    method: POST
    path: /orders
    requirement: buy
    request: { item: string }
data_models:
  - id: orders
    store: db
    fields:
      order_id: uuid pk
      item: varchar(64)
components:
  - id: client
    kind: client
  - id: api
    kind: service
    replicas: 2
  - id: db
    kind: sql-database
connections:
  - client -> api: HTTPS
  - api -> db
flows:
  - id: buy-run
    requirement: buy
    steps:
      - client -> api: POST /orders
      - api -> db: insert
scenarios:
  - id: busy
    set:
      dau: 2M
`;
  const changesOf = (...edits: Array<[string, string]>) => diffOf(base, edit(base, ...edits)).changes;

  it('identical designs: no differences, exit 0', () => {
    const d = diffOf(base, base);
    assert.deepEqual(d, { changes: [], metrics: [], summary: { added: 0, removed: 0, changed: 0, metrics: 0, differs: false } });
    assert.deepEqual(diffText(d, { before: 'a', after: 'b' }), ['a → b: no differences']);
    assert.match(diffMarkdown(d, { before: 'a', after: 'b' }), /^`a` → `b`: no differences\.$/m);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sysdesign-diff-'));
    const a = path.join(dir, 'a.sysdesign.yaml');
    writeFileSync(a, base);
    const r = run('diff', a, a);
    assert.equal(r.status, 0);
    assert.equal(r.out, `${a} → ${a}: no differences`);
    assert.deepEqual(r.err, []);
  });

  it('comments, layout, key order and the long form of an arrow are not changes', () => {
    const d = diffOf(
      base,
      edit(
        base,
        ['  - client -> api: HTTPS\n', '  - from: client   # the long form\n    to: api\n    label: HTTPS\n'],
        ['    method: POST\n    path: /orders\n', '    path: "/orders"\n    method: POST\n'],
        ['    request: { item: string }\n', '    request:\n      item: string\n'],
        ['  dau: 1M\n', '  dau: 1M     # one million\n'],
      ),
    );
    assert.deepEqual(d.changes, []);
    assert.equal(d.summary.differs, false);
  });

  it('added: a requirement, a latency target, a value, an API field, a component, a connection, a scenario', () => {
    assert.deepEqual(
      changesOf(
        ['    - id: browse\n', '    - id: cancel\n      text: A user cancels\n      important: false\n    - id: browse\n'],
        ['      buy: 300ms\n', '      buy: 300ms\n      default: 1s\n'],
        ['    orders_per_user: 1/day\n', '    orders_per_user: 1/day\n    item_size: { value: 1KB, source: our logs }\n'],
        ['    request: { item: string }\n', '    request: { item: string, quantity: int }\n'],
        ['  - id: db\n', '  - id: cache\n    kind: cache\n    tech: Redis\n  - id: db\n'],
        ['  - api -> db\n', '  - api -> db\n  - api -> cache: GET\n'],
        ['scenarios:\n', 'scenarios:\n  - id: cache-down\n    fail: [cache]\n'],
      ),
      [
        {
          section: 'requirements',
          id: 'cancel',
          change: 'added',
          fields: [
            { field: 'text', before: null, after: 'A user cancels' },
            { field: 'important', before: null, after: 'false' },
          ],
        },
        { section: 'non_functional', id: 'latency.default', change: 'added', fields: [{ field: 'value', before: null, after: '1s' }] },
        {
          section: 'values',
          id: 'item_size',
          change: 'added',
          fields: [
            { field: 'value', before: null, after: '1KB' },
            { field: 'sources', before: null, after: 'our logs' },
          ],
        },
        { section: 'apis', id: 'buy', change: 'changed', fields: [{ field: 'request.quantity', before: null, after: 'int' }] },
        {
          section: 'components',
          id: 'cache',
          change: 'added',
          fields: [
            { field: 'kind', before: null, after: 'cache' },
            { field: 'tech', before: null, after: 'Redis' },
          ],
        },
        { section: 'connections', id: 'api -> cache', change: 'added', fields: [{ field: 'label', before: null, after: 'GET' }] },
        { section: 'scenarios', id: 'cache-down', change: 'added', fields: [{ field: 'fail', before: null, after: 'cache' }] },
      ],
    );
  });

  it('changed: a requirement, a target, an input, a traffic line, an API, a data model field, a component, a connection, a scenario', () => {
    assert.deepEqual(
      changesOf(
        ['      text: A user buys an item\n', '      text: A user buys items\n'],
        ['      buy: 300ms\n', '      buy: 200ms\n'],
        ['    consistency: strong\n', '    consistency: eventual\n'],
        ['  dau: 1M\n', '  dau: 1.5M\n'],
        ['      size: 1KB\n', '      size: 2KB\n'],
        ['    method: POST\n', '    method: PUT\n'],
        ['      item: varchar(64)\n', '      item: varchar(128)\n'],
        ['    replicas: 2\n', '    replicas: 3\n    latency: 10ms\n'],
        ['  - client -> api: HTTPS\n', '  - client -> api: HTTP/2\n'],
        ['      dau: 2M\n', '      dau: 3M\n'],
      ),
      [
        { section: 'requirements', id: 'buy', change: 'changed', fields: [{ field: 'text', before: 'A user buys an item', after: 'A user buys items' }] },
        { section: 'non_functional', id: 'latency.buy', change: 'changed', fields: [{ field: 'value', before: '300ms', after: '200ms' }] },
        { section: 'non_functional', id: 'consistency', change: 'changed', fields: [{ field: 'value', before: 'strong', after: 'eventual' }] },
        { section: 'estimation', id: 'dau', change: 'changed', fields: [{ field: 'value', before: '1M', after: '1.5M' }] },
        { section: 'traffic', id: 'buy', change: 'changed', fields: [{ field: 'size', before: '1KB', after: '2KB' }] },
        { section: 'apis', id: 'buy', change: 'changed', fields: [{ field: 'method', before: 'POST', after: 'PUT' }] },
        { section: 'data_models', id: 'orders', change: 'changed', fields: [{ field: 'fields.item', before: 'varchar(64)', after: 'varchar(128)' }] },
        {
          section: 'components',
          id: 'api',
          change: 'changed',
          fields: [
            { field: 'replicas', before: '2', after: '3' },
            { field: 'latency', before: null, after: '10ms' },
          ],
        },
        { section: 'connections', id: 'client -> api', change: 'changed', fields: [{ field: 'label', before: 'HTTPS', after: 'HTTP/2' }] },
        { section: 'scenarios', id: 'busy', change: 'changed', fields: [{ field: 'set.dau', before: '2M', after: '3M' }] },
      ],
    );
  });

  it('removed: a requirement, a target, an input, a value, a data model field, a connection, a scenario', () => {
    assert.deepEqual(
      changesOf(
        ['    - id: browse\n      text: A user browses\n      op: read\n', ''],
        ['    availability: 99.9%\n', ''],
        ['  dau: 1M\n', ''],
        ['      order_id: uuid pk\n', ''],
        ['  - api -> db\n', ''],
        ['scenarios:\n  - id: busy\n    set:\n      dau: 2M\n', ''],
      ),
      [
        {
          section: 'requirements',
          id: 'browse',
          change: 'removed',
          fields: [
            { field: 'text', before: 'A user browses', after: null },
            { field: 'op', before: 'read', after: null },
          ],
        },
        { section: 'non_functional', id: 'availability', change: 'removed', fields: [{ field: 'value', before: '99.9%', after: null }] },
        { section: 'estimation', id: 'dau', change: 'removed', fields: [{ field: 'value', before: '1M', after: null }] },
        { section: 'data_models', id: 'orders', change: 'changed', fields: [{ field: 'fields.order_id', before: 'uuid pk', after: null }] },
        { section: 'connections', id: 'api -> db', change: 'removed' },
        { section: 'scenarios', id: 'busy', change: 'removed', fields: [{ field: 'set.dau', before: '2M', after: null }] },
      ],
    );
  });

  it('a renamed component is one removed and one added (with what names it changed)', () => {
    assert.deepEqual(
      changesOf(
        ['  - id: db\n', '  - id: orders-db\n'],
        ['    store: db\n', '    store: orders-db\n'],
        ['  - api -> db\n', '  - api -> orders-db\n'],
        ['      - api -> db: insert\n', '      - api -> orders-db: insert\n'],
      ).map((c) => [c.section, c.id, c.change]),
      [
        ['data_models', 'orders', 'changed'],
        ['components', 'db', 'removed'],
        ['components', 'orders-db', 'added'],
        ['connections', 'api -> db', 'removed'],
        ['connections', 'api -> orders-db', 'added'],
        ['flows', 'buy-run', 'changed'],
      ],
    );
  });

  it('a dry run: a changed step, an inserted step, a removed step, each one field', () => {
    const step = (...edits: Array<[string, string]>) => changesOf(...edits).flatMap((c: DesignChange) => c.fields ?? []);
    assert.deepEqual(step(['      - api -> db: insert\n', '      - api -> db: { label: insert, calls: 2 }\n']), [
      { field: 'step 2', before: 'api -> db: insert', after: 'api -> db: { label: insert, calls: 2 }' },
    ]);
    assert.deepEqual(step(['      - client -> api: POST /orders\n', '      - client -> api: POST /orders\n      - api -> client: 202\n']), [
      { field: 'step 2', before: null, after: 'api -> client: 202' },
    ]);
    assert.deepEqual(step(['      - client -> api: POST /orders\n', '']), [{ field: 'step 1', before: 'client -> api: POST /orders', after: null }]);
  });

  it('the figures that moved: only those, each with its difference and ratio', () => {
    const d = diffOf(base, edit(base, ['  dau: 1M\n', '  dau: 2M\n']));
    assert.deepEqual(
      d.metrics.map((m) => m.key),
      ['peak_write_per_second', 'peak_per_second', 'storage_bytes_per_day', 'components.api.utilisation', 'components.db.utilisation'],
    );
    const peak = d.metrics[1];
    approx(peak.difference, peak.before ?? NaN);
    assert.equal(peak.ratio, 2);
    assert.deepEqual(peak.text, { before: '23.1/s', after: '46.3/s', difference: '+23.1/s, ×2' });
  });

  it('markdown escapes a hostile label; the text layout keeps it on one line, without terminal escapes', () => {
    const hostile = '"| <img src=x> **b**\\n# x\\e[2J"';
    const d = diffOf(base, edit(base, ['    replicas: 2\n', `    replicas: 2\n    label: ${hostile}\n`]));
    const md = diffMarkdown(d, { before: 'a|b.yaml', after: '<b>.yaml' });
    const row = md.split('\n').find((l) => l.startsWith('| changed | components |'));
    assert.equal(row, '| changed | components | `api` | label: — | label: `\\| <img src=x> **b** # x[2J` |');
    // Outside code spans, no `<`, no unescaped `|` and no heading: the table keeps its columns.
    const outside = md.replace(/`[^`]*`/g, '');
    assert.ok(!outside.includes('<'), outside);
    assert.equal(row.replace(/\\\|/g, '').split('|').length, 7);
    assert.ok(md.startsWith('### Design diff: `<b>.yaml`\n\n`a|b.yaml` → `<b>.yaml`: 1 changed'), md);
    assert.ok(diffText(d, { before: 'a', after: 'b' }).includes('      label: — → | <img src=x> **b** # x[2J'));
  });
});

describe('diff: the command', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sysdesign-diff-'));
  });
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

  it('git:REV is the other file at that revision; a bad revision, a file not at it and a rev like an option get one line', () => {
    const repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'designs'), { recursive: true });
    const file = path.join(repo, 'designs', 'photo.sysdesign.yaml');
    writeFileSync(file, photo);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'photo sharing');
    writeFileSync(file, edit(photo, ...DAU_DOUBLED));

    const r = run('diff', 'git:HEAD', file);
    assert.equal(r.status, 1, r.err.join('\n'));
    assert.ok(r.out.startsWith(`HEAD:${file} → ${file}: 1 changed;`), r.out);
    assert.ok(r.out.includes('  ~ estimation dau: 10M → 20M'), r.out);
    assert.equal(run('diff', file, 'git:HEAD').status, 0, 'NEW is the committed design, which has no error');
    assert.match(run('diff', 'git:HEAD', file, '--format', 'json').out, /"differs": true/);

    const untracked = path.join(repo, 'designs', 'new.sysdesign.yaml');
    writeFileSync(untracked, photo);
    const outside = path.join(dir, 'outside.sysdesign.yaml');
    writeFileSync(outside, photo);
    for (const [argv, message] of [
      [['git:nope', file], `sysdesign: nope:${file}: unknown revision 'nope'`],
      [['git:HEAD~3', file], `sysdesign: HEAD~3:${file}: unknown revision 'HEAD~3'`],
      [['git:HEAD', untracked], `sysdesign: HEAD:${untracked}: new.sysdesign.yaml did not exist at HEAD`],
      [['git:HEAD', outside], `sysdesign: ${outside}: not in a git repository`],
    ] as const) {
      const e = run('diff', ...argv);
      assert.equal(e.status, 2, argv.join(' '));
      assert.deepEqual(e.err, [message]);
      assert.equal(e.out, '');
    }
    const searchPath = process.env.PATH;
    try {
      process.env.PATH = dir;
      assert.deepEqual(run('diff', 'git:HEAD', file).err, [`sysdesign: HEAD:${file}: git is not installed (or not on PATH)`]);
    } finally {
      process.env.PATH = searchPath;
    }
  });

  it('usage errors exit 2 with one line and a pointer to --help', () => {
    const a = path.join(dir, 'a.sysdesign.yaml');
    writeFileSync(a, photo);
    for (const [argv, message] of [
      [[a], 'diff needs OLD and NEW'],
      [[a, a, a], 'diff needs OLD and NEW'],
      [[a, a, '--format', 'html'], "unknown format 'html'"],
      [[a, a, '--json'], "unknown option '--json'"],
      [['git:HEAD', 'git:main'], 'only one of OLD and NEW can be git:REV'],
      [['git:', a], 'git: needs a revision'],
      [['git:--output=/tmp/x', a], 'a git revision cannot start with "-"'],
      [['git:HEAD --all', a], 'a git revision cannot start with "-" or hold spaces'],
      [['git:HEAD\u0007', a], 'a git revision cannot start with "-" or hold spaces or control characters'],
    ] as const) {
      const r = run('diff', ...argv);
      assert.equal(r.status, 2, argv.join(' '));
      assert.ok(r.err[0].startsWith(`sysdesign: ${message}`), r.err[0]);
      assert.equal(r.err[1], "Run 'sysdesign --help' for usage.");
      assert.equal(r.out, '');
    }
  });

  it('a missing or binary side is a file error, exit 2', () => {
    const a = path.join(dir, 'a.sysdesign.yaml');
    const binary = path.join(dir, 'b.png');
    writeFileSync(a, photo);
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0, 0]));
    assert.deepEqual(run('diff', a, path.join(dir, 'nope.yaml')).err, [`sysdesign: ${path.join(dir, 'nope.yaml')}: no such file`]);
    assert.deepEqual(run('diff', binary, a).err, [`sysdesign: ${binary}: a binary file, not a design (YAML text)`]);
  });
});
