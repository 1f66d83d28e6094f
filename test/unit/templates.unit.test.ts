import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import type { Problem } from '../../src/core/types';
import type { TemplateEntry } from '../support/designs';

const root = path.join(__dirname, '..', '..');
const templatesDir = path.join(root, 'templates');
const examplesDir = path.join(root, 'examples');

function designFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sysdesign.yaml') || f.endsWith('.sysdesign.yml'))
    .sort();
}

/** `file:line:col: severity code message`, the way `sysdesign check` prints it, so a failure reads like the CLI. */
function describeProblems(file: string, text: string, problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const before = text.slice(0, p.start);
      const line = before.split('\n').length;
      const col = p.start - before.lastIndexOf('\n');
      return `${file}:${line}:${col}: ${p.severity} ${p.code} ${p.message}`;
    })
    .join('\n');
}

const analysed = new Map<string, { text: string; analysis: ReturnType<typeof analyseText> }>();

/** Each file is analysed once and shared by the tests that read it. */
function analyse(file: string) {
  let result = analysed.get(file);
  if (!result) {
    const text = readFileSync(file, 'utf8');
    result = { text, analysis: analyseText(text) };
    analysed.set(file, result);
  }
  return result;
}

const templateFiles = designFiles(templatesDir);
const exampleFiles = designFiles(examplesDir);

describe('templates and examples', function () {
  // The first analysis warms up the core; a busy machine must not turn that into a failure.
  this.timeout(30000);

  it('there are templates and examples to check', () => {
    assert.ok(templateFiles.length >= 4, `templates/: ${templateFiles.join(', ')}`);
    assert.ok(exampleFiles.length >= 3, `examples/: ${exampleFiles.join(', ')}`);
  });

  for (const [dir, files] of [
    [templatesDir, templateFiles],
    [examplesDir, exampleFiles],
  ] as const) {
    for (const name of files) {
      const rel = path.relative(root, path.join(dir, name));
      it(`${rel} has no problem at all (not even a warning)`, () => {
        const { text, analysis } = analyse(path.join(dir, name));
        assert.equal(analysis.problems.length, 0, `\n${describeProblems(rel, text, analysis.problems)}`);
      });

      it(`${rel} dry-runs every important requirement and computes its numbers`, () => {
        const { analysis } = analyse(path.join(dir, name));
        const { design, estimate } = analysis;
        assert.equal(design.version, 1);
        const important = (design.requirements?.functional ?? []).filter((r) => r.important);
        assert.ok(important.length >= 1, 'at least one important requirement');
        assert.ok(design.flows.length >= important.length, `${design.flows.length} flows for ${important.length} important requirements`);
        const dryRun = new Set(design.flows.flatMap((f) => (f.requirement ? [f.requirement.name] : [])));
        assert.deepEqual(
          important.map((r) => r.id.name).filter((id) => !dryRun.has(id)),
          [],
          'important requirements without a flow',
        );
        for (const t of estimate.traffic) {
          assert.ok(t.per_second !== null && Number.isFinite(t.per_second) && t.per_second > 0, `traffic ${t.id}: per_second ${t.per_second}`);
        }
        for (const f of estimate.flows) {
          assert.ok(f.hops > 0, `flow ${f.id} has steps`);
        }
      });
    }
  }

  describe('templates/index.json', () => {
    const index = JSON.parse(readFileSync(path.join(templatesDir, 'index.json'), 'utf8')) as TemplateEntry[];

    it('lists { id, label, description, file } entries with unique ids, blank first', () => {
      assert.ok(Array.isArray(index) && index.length > 0);
      for (const entry of index) {
        for (const key of ['id', 'label', 'description', 'file'] as const) {
          assert.equal(typeof entry[key], 'string', `${JSON.stringify(entry)}: ${key}`);
          assert.ok(entry[key].trim().length > 0, `${entry.id}: empty ${key}`);
        }
        assert.match(entry.id, /^[a-z][a-z0-9-]*$/);
      }
      assert.equal(new Set(index.map((e) => e.id)).size, index.length, 'ids are unique');
      assert.equal(index[0].id, 'blank');
    });

    it('lists every template file, and every listed file exists', () => {
      for (const entry of index) {
        assert.ok(existsSync(path.join(templatesDir, entry.file)), `templates/${entry.file} is missing`);
      }
      assert.deepEqual(index.map((e) => e.file).sort(), templateFiles);
    });

    it('offers the four templates of the spec', () => {
      assert.deepEqual(
        index.map((e) => e.id),
        ['blank', 'web-app', 'aws', 'short-video'],
      );
    });

    for (const entry of index.filter((e) => e.id !== 'blank')) {
      it(`${entry.file} is a complete design: >= 8 components, a flow per important requirement, totals`, () => {
        const { analysis } = analyse(path.join(templatesDir, entry.file));
        const { design, estimate } = analysis;
        assert.ok(design.components.length >= 8, `${design.components.length} components`);
        const important = (design.requirements?.functional ?? []).filter((r) => r.important);
        assert.ok(design.flows.length >= important.length);
        assert.ok(design.apis.length >= important.length, 'an API per important requirement at least');
        assert.ok(design.dataModels.length >= 3, 'a data model');
        assert.ok(design.groups.length >= 1, 'grouped');
        const { totals } = estimate;
        for (const key of ['read_per_second', 'write_per_second', 'storage_bytes_total', 'cache_bytes', 'servers'] as const) {
          const value = totals[key];
          assert.ok(value !== null && Number.isFinite(value) && value > 0, `totals.${key} = ${value}`);
        }
        assert.ok(estimate.availability.target !== null, 'an availability target');
        for (const f of estimate.flows) {
          assert.ok(f.latency_seconds !== null && f.latency_target_seconds !== null, `flow ${f.id} has a latency and a target`);
          assert.ok(f.availability !== null, `flow ${f.id} has a composite availability`);
        }
      });
    }

    it('the blank template is minimal but complete in each step', () => {
      const { analysis } = analyse(path.join(templatesDir, 'blank.sysdesign.yaml'));
      const { design } = analysis;
      assert.ok((design.requirements?.functional ?? []).length >= 1);
      assert.ok((design.estimation?.traffic ?? []).length >= 1);
      assert.ok(design.apis.length >= 1);
      assert.ok(design.dataModels.length >= 1);
      assert.ok(design.components.length >= 2);
      assert.ok(design.connections.length >= 1);
      assert.ok(design.flows.length >= 1);
    });
  });
});
