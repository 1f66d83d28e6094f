import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';
import { CHECKS } from '../../src/core/checks';
import { estimateReport } from '../../src/core/report';
import { edited, example } from '../support/example';
import { withCode } from '../support/problems';

describe('checks (SPEC 2.4)', () => {
  it('the spec example has no problems', () => {
    assert.deepEqual(analyseText(example).problems, []);
  });

  it('every check declares codes in the sysdesign/ namespace, each code owned by one check', () => {
    const all = CHECKS.flatMap((c) => c.codes);
    assert.equal(new Set(all).size, all.length);
    for (const code of all) assert.match(code, /^sysdesign\/[a-z0-9.-]+$/);
  });

  it('unknown component in a connection, with did-you-mean and quick-fix data', () => {
    const text = edited('  - api -> photo-db: SQL', '  - api -> photo-dbb: SQL');
    const a = analyseText(text);
    const p = a.problems.find((x) => x.code === 'sysdesign/unknown-component')!;
    assert.equal(text.slice(p.start, p.end), 'photo-dbb');
    assert.match(p.message, /did you mean "photo-db"\?/);
    assert.deepEqual(p.fixes, [
      { kind: 'replace', text: 'photo-db' },
      { kind: 'create-component', id: 'photo-dbb' },
    ]);
  });

  it('unknown component in a flow step, a store, a group member and the long form', () => {
    let text = edited('      - api -> feed-cache: newest photo ids', '      - api -> feed-cach: newest photo ids');
    text = text.replace('    store: photo-db                 # a component id (step 5)', '    store: photodb');
    text = text.replace('members: [lb, api, photo-db, blobs, feed-cache]', 'members: [lb, api, photo-db, blob, feed-cache]');
    text = text.replace('  - from: blobs                     # long form, same meaning', '  - from: blobz');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/unknown-component'), ['photodb', 'blob', 'blobz', 'feed-cach']);
  });

  it('unknown requirement in an API, a flow and a latency target', () => {
    let text = edited('    requirement: edit-caption\n', '    requirement: edit-captoin\n');
    text = text.replace('    requirement: view-feed\n    steps:', '    requirement: view-fed\n    steps:');
    text = text.replace('      view-feed: 200ms', '      view-feeds: 200ms');
    const a = analyseText(text);
    const problems = a.problems.filter((p) => p.code === 'sysdesign/unknown-requirement');
    assert.deepEqual(
      problems.map((p) => text.slice(p.start, p.end)),
      ['view-feeds', 'edit-captoin', 'view-fed'],
    );
    assert.match(problems[1].message, /did you mean "edit-caption"/);
  });

  it('foreign keys: unknown table and unknown field', () => {
    let text = edited('user_id: uuid fk users.user_id', 'user_id: uuid fk user.user_id');
    let a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/unknown-data-model'), ['user']);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/unknown-field'), []);
    text = edited('user_id: uuid fk users.user_id', 'user_id: uuid fk users.userid');
    a = analyseText(text);
    const p = a.problems.find((x) => x.code === 'sysdesign/unknown-field')!;
    assert.equal(text.slice(p.start, p.end), 'userid');
    assert.match(p.message, /did you mean "user_id"/);
  });

  it('duplicate ids, on the second definition', () => {
    const text = edited('  - id: feed-cache\n', '  - id: api\n');
    const a = analyseText(text);
    const dups = a.problems.filter((p) => p.code === 'sysdesign/duplicate-id');
    assert.equal(dups.length, 1);
    assert.equal(dups[0].start, text.indexOf('id: api', text.indexOf('id: api') + 1) + 4);
  });

  it('a flow step with no matching connection (either direction counts)', () => {
    const text = edited('      - api -> photo-db: { label: captions, calls: 10% }', '      - client -> photo-db: { label: captions, calls: 10% }');
    const a = analyseText(text);
    const p = a.problems.find((x) => x.code === 'sysdesign/step-without-connection')!;
    assert.equal(text.slice(p.start, p.end), 'client -> photo-db');
    assert.deepEqual(p.fixes, [{ kind: 'create-connection', from: 'client', to: 'photo-db' }]);
  });

  it('an important requirement with no dry run; unimportant ones are fine', () => {
    const text = edited('      important: false              # default true: important ones need a dry run\n', '');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/missing-dry-run'), ['edit-caption']);
  });

  it('a requirement with no API', () => {
    const text = edited('    requirement: edit-caption\n    request: { caption: string }', '    request: { caption: string }');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/requirement-without-api'), ['edit-caption']);
  });

  it('a component nothing connects to', () => {
    const text = edited('  - api -> feed-cache\n', '');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/unconnected-component'), ['feed-cache']);
  });

  it('a write line with no size while retention is set', () => {
    const text = edited('      size: 2MB + caption           # bytes stored (write) or served (read) per request\n', '');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/write-without-size'), ['upload-photo']);
  });

  it('a traffic line without a rate, and per_user without dau', () => {
    let text = edited('      per_user: 30/day\n', '');
    let a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/traffic-without-rate'), ['view-feed']);
    text = edited('  dau: 10M                          # daily active users\n', '');
    a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/missing-dau'), ['photos_per_user * 10%', '30/day']);
  });

  it('a flow over its latency target', () => {
    const text = edited('    latency: 20ms\n', '    latency: 250ms\n');
    const a = analyseText(text);
    const problems = a.problems.filter((p) => p.code === 'sysdesign/flow-latency');
    assert.deepEqual(
      problems.map((p) => text.slice(p.start, p.end)),
      ['view-feed-dry-run'],
    );
    assert.match(problems[0].message, /250 ms.*200 ms/);
  });

  it('a flow under its availability target', () => {
    const text = edited('    replicas: 8                     # 10.5k/s at peak on 2k/s each\n    availability: 99.9%', '    capacity: 20k/s\n    availability: 99.9%');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/flow-availability'), ['upload-photo-dry-run', 'view-feed-dry-run']);
  });

  it('availability targets per requirement or flow: each dry run is held to its own, `default` to the rest (issue #15)', () => {
    const lowered = edited('    replicas: 8                     # 10.5k/s at peak on 2k/s each\n    availability: 99.9%', '    capacity: 20k/s\n    availability: 99.9%');
    // The upload accepts 99%, so only the feed (held to the default 99.99%) is under its target.
    const byRequirement = lowered.replace('    availability: 99.99%\n', '    availability:\n      upload-photo: 99%\n      default: 99.99%\n');
    const a = analyseText(byRequirement);
    assert.deepEqual(
      a.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.deepEqual(withCode(byRequirement, a.problems, 'sysdesign/flow-availability'), ['view-feed-dry-run']);
    assert.deepEqual(
      a.estimate.flows.map((f) => f.availability_target),
      [0.99, 0.9999],
    );
    assert.equal(a.estimate.availability.target, 0.9999, 'the downtime budget is the default’s');
    // A flow id wins over its requirement's id; without `default` an unnamed flow has no target.
    const byFlow = lowered.replace('    availability: 99.99%\n', '    availability:\n      upload-photo: 99%\n      upload-photo-dry-run: 99.999%\n');
    const b = analyseText(byFlow);
    assert.deepEqual(
      b.estimate.flows.map((f) => f.availability_target),
      [0.99999, null],
    );
    assert.deepEqual(withCode(byFlow, b.problems, 'sysdesign/flow-availability'), ['upload-photo-dry-run']);
    assert.match(b.problems.find((p) => p.code === 'sysdesign/flow-availability')?.message ?? '', /below the 99\.999% target/);
    assert.equal(b.estimate.availability.target, null);
    assert.equal(b.estimate.availability.downtime_seconds_per_year, null);
    // Keys are references: an unknown one is reported with a suggestion; a value is checked as a ratio.
    const typo = lowered.replace('    availability: 99.99%\n', '    availability:\n      view-fed: 99.9%\n      default: 2 MB\n');
    const c = analyseText(typo);
    const unknown = c.problems.find((p) => p.code === 'sysdesign/unknown-requirement');
    assert.equal(typo.slice(unknown?.start, unknown?.end), 'view-fed');
    assert.match(unknown?.message ?? '', /did you mean "view-feed"/);
    assert.ok(
      c.problems.some((p) => p.severity === 'error' && typo.slice(p.start, p.end) === '2 MB'),
      'a size is no availability',
    );
    // A list is neither one target nor a map of them.
    const list = lowered.replace('    availability: 99.99%\n', '    availability: [99.9%]\n');
    const wrong = analyseText(list).problems.find((p) => p.severity === 'error' && list.slice(p.start, p.end) === '[99.9%]');
    assert.match(wrong?.message ?? '', /an availability target such as 99\.99%, or targets by requirement or flow id/);
  });

  it('no silently partial total: a read without a size, a rate beside per_user, a store that keeps no rows (issue #15)', () => {
    // The view-feed line loses its size while upload-photo's write and cache_hot_ratio stay sized.
    const unsized = edited('      size: 20 * 200KB\n', '');
    assert.deepEqual(withCode(unsized, analyseText(unsized).problems, 'sysdesign/read-without-size'), ['view-feed']);
    assert.match(analyseText(unsized).problems.find((p) => p.code === 'sysdesign/read-without-size')?.message ?? '', /adds nothing to egress and cache memory/);
    // Nothing sized among the reads and no cache: no total is partial, nothing to say.
    const noReadSizes = edited('  cache_hot_ratio: 20% ', '  # cache_hot_ratio: 20%', unsized);
    assert.deepEqual(withCode(noReadSizes, analyseText(noReadSizes).problems, 'sysdesign/read-without-size'), []);

    const both = edited('      per_user: 30/day\n', '      per_user: 30/day\n      rate: 1000/s\n');
    const ignored = analyseText(both).problems.filter((p) => p.code === 'sysdesign/rate-ignored');
    assert.deepEqual(
      ignored.map((p) => both.slice(p.start, p.end)),
      ['1000/s'],
    );
    assert.match(ignored[0].message, /`per_user` is used and `rate` \(1000\/s\) is ignored/);

    const service = edited('  - id: users\n    store: photo-db', '  - id: users\n    store: api');
    const store = analyseText(service).problems.filter((p) => p.code === 'sysdesign/store-not-a-store');
    assert.deepEqual(
      store.map((p) => service.slice(p.start, p.end)),
      ['api'],
    );
    assert.match(store[0].message, /Data model "users" is stored in "api", a service/);
  });

  it('a bare `100B` among the values is ambiguous: a warning with both readings as fixes, each parsing to what it says (issue #15)', () => {
    const text = edited('    caption: 200 bytes\n', '    caption: 200 bytes\n    msg_size: 100B\n    per_month: 15B/month\n');
    const a = analyseText(text);
    const warnings = a.problems.filter((p) => p.code === 'sysdesign/quantity-ambiguous-b');
    assert.deepEqual(
      warnings.map((p) => text.slice(p.start, p.end)),
      ['100B'],
    );
    assert.equal(warnings[0].severity, 'warning');
    assert.match(warnings[0].message, /`100B` reads as 100 billion here .*write `100bn` for a count or `100 bytes` for a size/);
    assert.deepEqual(
      warnings[0].fixes?.map((f) => (f.kind === 'replace' ? f.text : '')),
      ['100bn', '100 bytes'],
    );
    const applied = (fix: string) => {
      const fixed = text.slice(0, warnings[0].start) + fix + text.slice(warnings[0].end);
      const b = analyseText(fixed);
      return { codes: b.problems.map((p) => p.code), value: b.estimate.values.msg_size };
    };
    assert.deepEqual(applied('100bn'), { codes: [], value: 100e9 });
    assert.deepEqual(applied('100 bytes'), { codes: [], value: 100 });
    // Part of a larger expression (`15B/month`: a rate either way) or where a field expects a count or a size, `B` is not ambiguous.
    assert.deepEqual(
      analyseText(edited('dau: 10M', 'dau: 1B')).problems.filter((p) => p.code === 'sysdesign/quantity-ambiguous-b'),
      [],
    );
  });

  it('figures no real system has: more people than on Earth, a request every second from every user, 50 GB requests, a billion per second (issue #15)', () => {
    const implausible = (text: string) =>
      analyseText(text)
        .problems.filter((p) => p.code === 'sysdesign/implausible-figure')
        .map((p) => [text.slice(p.start, p.end), p.message]);
    assert.deepEqual(implausible(example), []);
    const people = edited('dau: 10M', 'dau: 20B');
    assert.deepEqual(
      implausible(people).map(([at]) => at),
      ['20B'],
    );
    assert.match(implausible(people)[0][1], /20B daily active users is more than the people on Earth/);
    // 20 billion photos per user per day: a magnitude slip that every dimension check accepts.
    const perUser = edited('per_user: photos_per_user * 10%', 'per_user: 20B/day');
    const [[at, message]] = implausible(perUser);
    assert.equal(at, '20B/day');
    assert.match(message, /per user is more than one request every 10 seconds/);
    const size = edited('size: 20 * 200KB', 'size: 20 * 200GB');
    assert.deepEqual(
      implausible(size).map(([where]) => where),
      ['20 * 200GB'],
    );
    // Each input plausible, the peak not: 8 billion users at the bound of 10,000 requests a day.
    const peak = edited('per_user: 30/day', 'per_user: 10000/day', edited('dau: 10M', 'dau: 8B'));
    const peaks = implausible(peak);
    assert.deepEqual(
      peaks.map(([where]) => where),
      ['10000/day'],
    );
    assert.match(peaks[0][1], /"view-feed" peaks at 2\.78B\/s, more than any published system/);
    // At the bounds themselves nothing is said.
    assert.deepEqual(implausible(edited('size: 20 * 200KB', 'size: 10GB')), []);
    assert.deepEqual(implausible(edited('per_user: 30/day', 'per_user: 10000/day')), []);
  });

  it('a figure and its target read differently in a message whenever they differ (issue #15)', () => {
    // 99.98999% and 99.99% both read `99.99%` with three significant digits of the gap.
    const availability = edited('    replicas: 8                     # 10.5k/s at peak on 2k/s each\n    availability: 99.9%', '    capacity: 20k/s\n    availability: 99.98999%');
    const a = analyseText(availability).problems.filter((p) => p.code === 'sysdesign/flow-availability');
    assert.equal(a.length, 2);
    assert.match(a[0].message, /composite availability of 99\.98999%, below the 99\.99% target/);
    // 200.1 ms and 200 ms both read `200 ms`.
    const latency = edited('    latency: 20ms\n', '    latency: 200.1ms\n');
    const analysis = analyseText(latency);
    const l = analysis.problems.filter((p) => p.code === 'sysdesign/flow-latency');
    assert.equal(l.length, 1);
    assert.match(l[0].message, /takes 200\.1 ms end to end, over its 200 ms target/);
    // The same in the report every surface shows (lenses, tables, Markdown, CLI).
    const flows = estimateReport(analysis.estimate).sections.find((s) => s.key === 'flows');
    const figure = flows?.rows.find((r) => r.key === 'view-feed-dry-run')?.figures.find((f) => f.key === 'latency_seconds');
    assert.equal(figure?.text, '200.1 ms');
    assert.equal(figure?.target?.text, '200 ms');
    assert.match(figure?.brief ?? '', /200\.1 ms ✗ \(target 200 ms\)/);
  });

  it('quantity errors land on the exact characters of the document', () => {
    const text = edited('      size: 20 * 200KB', '      size: 20/day');
    const a = analyseText(text);
    const p = a.problems.find((x) => x.code === 'sysdesign/quantity-dimension')!;
    assert.equal(text.slice(p.start, p.end), '20/day');
  });

  it('a value that refers to itself is a cycle, reported once, not a hang', () => {
    const text = edited('    caption: 200 bytes', '    caption: caption + 1 byte');
    const a = analyseText(text);
    assert.deepEqual(withCode(text, a.problems, 'sysdesign/quantity-cycle'), ['caption']);
  });

  it('unknown names in expressions have a did-you-mean', () => {
    const text = edited('per_user: photos_per_user * 10%', 'per_user: photo_per_user * 10%');
    const a = analyseText(text);
    const p = a.problems.find((x) => x.code === 'sysdesign/unknown-name')!;
    assert.equal(text.slice(p.start, p.end), 'photo_per_user');
    assert.match(p.message, /photos_per_user/);
  });

  it('an unknown name without a close match lists each known name once', () => {
    const a = analyseText('sysdesign: 1\nname: X\nestimation:\n  dau: 10M\n  values:\n    reads: 5/day\n  traffic:\n    - { id: t, kind: read, per_user: zzzzzz }\n');
    const p = a.problems.find((x) => x.code === 'sysdesign/unknown-name')!;
    const names = /known names: (.*)$/.exec(p.message)![1].split(', ');
    assert.deepEqual(names, [...new Set(names)], p.message);
    assert.ok(names.includes('`dau`') && names.includes('`reads`'), p.message);
  });

  it('with YAML syntax errors only the syntax errors are reported', () => {
    const text = edited('name: Photo sharing', 'name: [Photo sharing');
    const a = analyseText(text);
    assert.ok(a.problems.length > 0);
    assert.ok(
      a.problems.every((p) => p.code.startsWith('sysdesign/yaml-')),
      a.problems.map((p) => p.code).join(),
    );
  });
});
