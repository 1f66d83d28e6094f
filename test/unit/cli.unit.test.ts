import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { main } from '../../src/cli/main';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml');

function run(...argv: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n').split('\n'), err };
}

describe('cli', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sysdesign-cli-'));
  });

  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('check: a clean design prints nothing and exits 0', () => {
    const r = run('check', example);
    assert.equal(r.status, 0);
    assert.deepEqual(r.out, ['']);
  });

  it('check: problems as file:line:col: severity code message, exit 1 on errors', () => {
    const file = write('bad.sysdesign.yaml', 'sysdesign: 1\nname: Bad\ncomponents:\n  - id: api\n    kind: service\nconnections:\n  - api -> dbb\n');
    const r = run('check', file);
    assert.equal(r.status, 1);
    assert.ok(r.out.includes(`${file}:7:12: error sysdesign/unknown-component The connection names "dbb", but no component has that id.`), r.out.join('\n'));
  });

  it('check: warnings only exit 0', () => {
    const file = write('warn.sysdesign.yaml', 'sysdesign: 1\nname: Warn\nflag: no\n'.replace('flag: no\n', 'description: no\n'));
    const r = run('check', file);
    assert.equal(r.status, 0);
    assert.match(r.out[0], /:3:14: warning sysdesign\/yaml-1\.1-boolean /);
  });

  it('check: several files, one of them missing: one line for it, exit 2', () => {
    const r = run('check', example, path.join(dir, 'nope.yaml'));
    assert.equal(r.status, 2);
    assert.deepEqual(r.err, [`sysdesign: ${path.join(dir, 'nope.yaml')}: no such file`]);
  });

  it('check: a directory, a binary file, a non-UTF-8 file and a 50 MB file each get one line', () => {
    const binary = write('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const latin1 = write('latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    const huge = write('huge.yaml', '');
    truncateSync(huge, 50 * 1024 * 1024);
    for (const [file, reason] of [
      [dir, 'is a directory'],
      [binary, 'a binary file'],
      [latin1, 'not UTF-8'],
      [huge, 'too large'],
    ] as const) {
      const r = run('check', file);
      assert.equal(r.status, 2, file);
      assert.equal(r.err.length, 1, r.err.join('\n'));
      assert.ok(r.err[0].includes(reason), r.err[0]);
    }
  });

  it('usage errors exit 2', () => {
    assert.equal(run().status, 2);
    assert.equal(run('frobnicate').status, 2);
    assert.equal(run('check').status, 2);
    assert.equal(run('estimate', example, '--yaml').status, 2);
    assert.equal(run('--help').status, 0);
  });

  it('estimate --json: exactly the fields of SPEC section 4, in base units', () => {
    const r = run('estimate', example, '--json');
    assert.equal(r.status, 0);
    const json = JSON.parse(r.out.join('\n'));
    for (const key of ['values', 'traffic', 'totals', 'availability', 'flows', 'problems']) assert.ok(key in json, key);
    for (const key of ['id', 'kind', 'per_day', 'per_second', 'peak_per_second', 'size_bytes', 'bytes_per_second', 'storage_bytes_per_day', 'records_total']) {
      assert.ok(key in json.traffic[0], `traffic.${key}`);
    }
    for (const key of [
      'read_per_second',
      'write_per_second',
      'peak_read_per_second',
      'peak_write_per_second',
      'ingress_bytes_per_second',
      'egress_bytes_per_second',
      'storage_bytes_per_day',
      'storage_bytes_per_month',
      'storage_bytes_per_year',
      'storage_bytes_retained',
      'storage_bytes_total',
      'cache_bytes',
      'servers',
    ]) {
      assert.ok(key in json.totals, `totals.${key}`);
    }
    for (const key of ['target', 'downtime_seconds_per_year', 'downtime_seconds_per_month', 'downtime_seconds_per_week', 'downtime_seconds_per_day']) {
      assert.ok(key in json.availability, `availability.${key}`);
    }
    for (const key of ['id', 'hops', 'availability', 'latency_seconds', 'latency_target_seconds']) assert.ok(key in json.flows[0], `flows.${key}`);
    for (const key of ['rate_per_second', 'peak_per_second', 'latency_peak_seconds', 'single_points_of_failure']) assert.ok(key in json.flows[0], `flows.${key}`);
    for (const key of ['dau', 'users', 'concurrent', 'components', 'connections']) assert.ok(key in json, key);
    // SPEC 5.6, every field of a component and a connection
    for (const key of [
      'id',
      'kind',
      'peak_per_second',
      'peak_reads_per_second',
      'peak_writes_per_second',
      'bytes_in_per_second',
      'bytes_out_per_second',
      'stored_bytes',
      'connections',
      'capacity_per_second',
      'instances',
      'utilisation',
      'instances_needed',
      'shards_needed',
      'queue_wait_seconds',
      'survives_instance_loss',
      'cost_per_month',
    ]) {
      assert.ok(key in json.components[0], `components.${key}`);
    }
    for (const key of ['from', 'to', 'peak_per_second', 'bytes_per_second']) assert.ok(key in json.connections[0], `connections.${key}`);
    // SPEC 5.4: the totals of the cost, and each component's breakdown.
    for (const key of ['per_month', 'per_thousand_requests', 'per_dau_per_month']) assert.equal(typeof json.cost[key], 'number', `cost.${key}`);
    assert.deepEqual(Object.keys(json.components[2].cost_breakdown), ['instance', 'storage', 'transfer', 'requests', 'fixed']);
    assert.equal(json.totals.servers, 6);
    assert.equal(json.values.caption, 200);
    assert.deepEqual(json.problems, []);
  });

  it('estimate --json: what cannot be computed is null', () => {
    const file = write('partial.sysdesign.yaml', 'sysdesign: 1\nname: Partial\nestimation:\n  traffic:\n    - id: r\n      kind: read\n      rate: 10/s\n');
    const json = JSON.parse(run('estimate', file, '--json').out.join('\n'));
    assert.equal(json.totals.read_per_second, 10);
    assert.equal(json.totals.write_per_second, null);
    assert.equal(json.totals.storage_bytes_total, null);
    assert.equal(json.traffic[0].size_bytes, null);
    assert.equal(json.availability.target, null);
  });

  it('estimate: a readable table', () => {
    const r = run('estimate', example);
    const text = r.out.join('\n');
    assert.equal(r.status, 0);
    assert.match(text, /^Photo sharing$/m);
    assert.match(text, /view-feed\s+read\s+300M\s+3\.47k\/s\s+10\.4k\/s/);
    assert.match(text, /Servers\s+6/);
    assert.match(text, /Per year\s+52\.6 min/);
    // What the estimate starts from, as written and computed (issue #15).
    assert.match(text, /^Inputs\n {2}Convention seconds_per_day +86400\n/m);
    assert.match(text, /^ {2}Daily active users +10M$/m);
    assert.match(text, /^Values\n {2}Name +Expression +Value\n {2}photos_per_user +2\/day +2\/day\n {2}caption +200 bytes +200 bytes$/m);
    const computed = run('estimate', path.join(root, 'templates', 'short-video.sysdesign.yaml')).out.join('\n');
    assert.match(computed, /^ {2}Daily active users +users \* 50% += 500M$/m);
    assert.match(computed, /^ {2}renditions +1\.5 \* raw_clip +12 MB$/m);
  });

  it('the built bundle runs as a command with no stack trace on bad input', function () {
    this.timeout(20000);
    const outfile = path.join(dir, 'cli.js');
    buildSync({
      entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
      define: { SYSDESIGN_VERSION: '"test"' },
    });
    const ok = spawnSync(process.execPath, [outfile, 'check', example], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const missing = spawnSync(process.execPath, [outfile, 'estimate', path.join(dir, 'missing.yaml')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/);
    const version = spawnSync(process.execPath, [outfile, '--version'], { encoding: 'utf8' });
    assert.equal(version.stdout.trim(), 'test');
    assert.ok(readFileSync(outfile, 'utf8').length > 0);
  });

  it('the built command stops quietly when its reader closes the pipe (`| head`), with its status', async function () {
    this.timeout(20000);
    const outfile = path.join(dir, 'cli.js');
    buildSync({ entryPoints: [path.join(root, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    const twitter = path.join(root, 'examples', 'twitter.sysdesign.yaml');
    const child = spawn(process.execPath, [outfile, 'export', twitter, '--format', 'markdown'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the command has loaded, so its first write finds no reader (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, 0);
  });

  it('export --format mermaid: the architecture flowchart, exactly the golden file', () => {
    const r = run('export', example, '--format', 'mermaid');
    assert.equal(r.status, 0, r.err.join('\n'));
    assert.equal(`${r.out.join('\n')}\n`, readFileSync(path.join(root, 'test', 'golden', 'spec-example', 'architecture.mmd'), 'utf8'));
    assert.deepEqual(r.err, []);
  });

  it('export --format mermaid --view: er, flow:<id>, a bare flow id, --format=...', () => {
    const golden = (name: string) => readFileSync(path.join(root, 'test', 'golden', 'spec-example', name), 'utf8');
    assert.equal(`${run('export', example, '--format', 'mermaid', '--view', 'er').out.join('\n')}\n`, golden('er.mmd'));
    assert.equal(`${run('export', example, '--format=mermaid', '--view=flow:view-feed-dry-run').out.join('\n')}\n`, golden('view-feed-dry-run.mmd'));
    assert.equal(`${run('export', '--view', 'upload-photo-dry-run', example, '--format', 'mermaid').out.join('\n')}\n`, golden('upload-photo-dry-run.mmd'));
  });

  it('export --format markdown: the design document with every diagram', () => {
    const r = run('export', example, '--format', 'markdown');
    assert.equal(r.status, 0);
    assert.equal(`${r.out.join('\n')}\n`, readFileSync(path.join(root, 'test', 'golden', 'spec-example', 'design.md'), 'utf8'));
    assert.equal(r.out.filter((l) => l === '```mermaid').length, 4);
  });

  it('export: usage errors name the problem first and exit 2', () => {
    for (const [argv, message] of [
      [['export', example], 'export needs --format mermaid or --format markdown'],
      [['export', example, '--format', 'svg'], "unknown format 'svg' (use mermaid or markdown)"],
      [['export', example, '--format'], '--format needs a value'],
      [['export', '--format', 'mermaid'], 'export needs exactly one FILE'],
      [
        ['export', example, '--format', 'mermaid', '--view', 'nope'],
        "unknown view 'nope' (this design has: architecture, overview, flow:upload-photo-dry-run, flow:view-feed-dry-run, er)",
      ],
      [['export', example, '--format', 'mermaid', '--view', 'flow:nope'], "unknown view 'flow:nope'"],
      [['export', example, '--format', 'markdown', '--view', 'er'], '--view goes with --format mermaid'],
      [['export', example, '--format', 'mermaid', '--json'], "unknown option '--json'"],
    ] as const) {
      const r = run(...argv);
      assert.equal(r.status, 2, argv.join(' '));
      assert.ok(r.err[0].startsWith(`sysdesign: ${message}`), r.err[0]);
      assert.equal(r.out.join(''), '');
    }
  });

  it('export: a design with errors still prints, says so on stderr and exits 1; nothing to draw exits 2', () => {
    const file = write('broken.sysdesign.yaml', 'sysdesign: 1\nname: Broken\ncomponents:\n  - id: api\n    kind: service\nconnections:\n  - api -> ghost\n');
    const r = run('export', file, '--format', 'mermaid');
    assert.equal(r.status, 1);
    assert.deepEqual(r.out, ['flowchart LR', '  accTitle: Broken architecture', '  n0["api"]', '  classDef sdCompute fill:#22c55e1f,stroke:#22c55e', '  class n0 sdCompute']);
    assert.deepEqual(r.err, [`sysdesign: ${file}: 1 error(s) in the design; run 'sysdesign check ${file}' for details.`]);
    const empty = write('empty.sysdesign.yaml', 'sysdesign: 1\nname: Empty\n');
    const e = run('export', empty, '--format', 'mermaid', '--view', 'sequence');
    assert.equal(e.status, 2);
    assert.equal(e.err.length, 1);
    assert.match(e.err[0], /Nothing to draw yet/);
    assert.match(run('export', empty, '--format', 'markdown').out.join('\n'), /^# Empty$/m);
  });
});
