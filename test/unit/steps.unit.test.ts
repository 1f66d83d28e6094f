import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { designSteps, type StepItem } from '../../src/core/steps';

const example = readFileSync(path.join(__dirname, '..', 'fixtures', 'spec-example.sysdesign.yaml'), 'utf8');

describe('steps: the five steps with status and items', () => {
  it('a complete design: every step done, in order, with summaries', () => {
    const steps = designSteps(analyseText(example));
    assert.deepEqual(
      steps.map((s) => [s.number, s.title, s.status]),
      [
        [1, 'Requirements', 'done'],
        [2, 'Estimation', 'done'],
        [3, 'API', 'done'],
        [4, 'Data Model', 'done'],
        [5, 'Design', 'done'],
      ],
    );
    assert.deepEqual(
      steps.map((s) => s.description),
      ['3 functional, 5 non-functional', '3.47k read QPS · 23.1 write QPS · 43.8 PB', '3 endpoints', '2 tables', '7 components · 2/2 dry runs'],
    );
  });

  it('items carry labels, descriptions and spans of the document', () => {
    const a = analyseText(example);
    const [req, est, api, dm, design] = designSteps(a);
    const slice = (i: StepItem) => example.slice(i.start, i.end);
    assert.deepEqual(
      req.items.filter((i) => i.kind === 'requirement').map((i) => i.label),
      ['upload-photo', 'view-feed', 'edit-caption'],
    );
    assert.ok(slice(req.items[0]).startsWith('id: upload-photo'));
    assert.equal(est.items[1].label, 'view-feed');
    assert.equal(est.items[1].description, '3.47k/s read · peak 10.4k/s');
    assert.deepEqual(
      api.items.map((i) => i.label),
      ['POST /v1/photos', 'GET /v1/feed?cursor={cursor}', 'PATCH /v1/photos/{photo_id}'],
    );
    assert.equal(dm.items[0].description, '4 fields · photo-db');
    assert.deepEqual(
      design.items.map((i) => i.label),
      ['Components (7)', 'Connections (7)', 'Dry runs (2/2)', 'Busiest (all under target)'],
    );
    // The busiest components, each with its utilisation at peak (SPEC 5.2).
    assert.deepEqual(
      design.items[3].children!.map((c) => [c.label, c.description]),
      [
        ['api', '65.4%'],
        ['photo-db', '39.4%'],
        ['feed-cache', '12.9%'],
        ['lb', '10.5%'],
        ['blobs', '1.32%'],
      ],
    );
    const api2 = design.items[0].children!.find((c) => c.label === 'api')!;
    assert.equal(api2.description, 'service · ×8 · 65.4%');
    assert.equal(api2.detail, 'service');
    const feed = design.items[2].children![1];
    // 99.9% with 8 replicas: 1 - 0.001^8 is 1 to double precision
    assert.equal(feed.description, '6 hops · 100% · 20 ms / 200 ms ✓');
  });

  it('availability targets by requirement are items of step 1, the default with its downtime budget (issue #15)', () => {
    const text = example.replace('    availability: 99.99%\n', '    availability:\n      upload-photo: 99.9%\n      default: 99.99%\n');
    const [req] = designSteps(analyseText(text));
    assert.deepEqual(
      req.items.filter((i) => i.kind === 'target').map((i) => [i.label, i.description]),
      [
        ['availability upload-photo 99.9%', undefined],
        ['availability default 99.99%', '52.6 min downtime a year'],
        ['latency view-feed 200ms', undefined],
        ['latency default 500ms', undefined],
      ],
    );
    assert.equal(req.description, '3 functional, 6 non-functional');
    assert.equal(req.status, 'done');
  });

  it('an empty design: every step missing', () => {
    const steps = designSteps(analyseText('sysdesign: 1\nname: New\n'));
    assert.deepEqual(
      steps.map((s) => s.status),
      ['missing', 'missing', 'missing', 'missing', 'missing'],
    );
    assert.ok(steps.every((s) => s.description === 'not started'));
  });

  it('incomplete steps say what they miss', () => {
    const text = 'sysdesign: 1\nname: Half\nrequirements:\n  functional:\n    - id: a\n      text: Do a\n      op: read\n';
    const [req] = designSteps(analyseText(text));
    assert.equal(req.status, 'incomplete');
    assert.deepEqual(req.missing, ['what is out of scope', 'an availability target', 'latency targets']);
  });

  it('a step with problems inside it shows them on the step and the item', () => {
    const text = example.replace('  - api -> feed-cache\n', '  - api -> feed-cach\n');
    const steps = designSteps(analyseText(text));
    const design = steps[4];
    assert.equal(design.status, 'problems');
    assert.ok(design.problems.errors >= 1);
    const connections = design.items.find((i) => i.key === 'folder:connections')!;
    assert.equal(connections.problems.errors, 1);
    const bad = connections.children!.find((c) => c.label === 'api → feed-cach')!;
    assert.equal(bad.problems.errors, 1);
    assert.match(bad.problems.messages[0], /did you mean "feed-cache"/);
    assert.equal(steps[0].status, 'done');
  });

  it('the design step is not done while an important requirement lacks a dry run', () => {
    const text = example.replace('      important: false              # default true: important ones need a dry run\n', '');
    const steps = designSteps(analyseText(text));
    const design = steps[4];
    assert.equal(design.status, 'incomplete');
    // The warning sits on the requirement, so step 1 shows it.
    assert.equal(steps[0].status, 'problems');
    assert.deepEqual(design.missing, ['a dry run of edit-caption']);
    assert.equal(design.description, '7 components · 2/3 dry runs');
  });
});
