/**
 * The feature functions without a connection: pure functions from an Analysis (and a
 * position converter) to LSP results, for the edge cases that are tedious over the wire.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseText, type ProblemFix } from '../../src/core';
import { buildFix } from '../../src/server/features/codeActions';
import { indentUnit } from '../../src/server/edits/textLayout';
import type { DocumentAnalysis } from '../../src/server/features/types';
import { positionsOf } from '../../src/server/positions';
import { readSettings } from '../../src/server/settings';
import { schemaAt } from '../../src/server/schema';
import { cursorContext, pathAt, shapeOf } from '../../src/server/yamlContext';

function analysed(text: string): { analysis: DocumentAnalysis; document: TextDocument } {
  return { analysis: analyseText(text), document: TextDocument.create('file:///t.sysdesign.yaml', 'sysdesign', 1, text) };
}

/** Applies the first fix of `kind` offered for the first problem with `code`. */
function fixed(text: string, code: string, kind: ProblemFix['kind']): string {
  const { analysis, document } = analysed(text);
  const problem = analysis.problems.find((p) => p.code === code);
  assert.ok(problem, `a ${code} problem among ${analysis.problems.map((p) => p.code).join(', ')}`);
  const fix = problem.fixes?.find((f) => f.kind === kind);
  assert.ok(fix, `a ${kind} fix`);
  const built = buildFix(analysis, positionsOf(document), problem, fix);
  assert.ok(built, 'the fix can be built');
  return text.slice(0, built.edit.start) + built.edit.newText + text.slice(built.edit.end);
}

describe('server features without a connection', () => {
  describe('quick-fix edits', () => {
    const head = 'sysdesign: 1\nname: t\n';

    const loaded = (component: string) =>
      `${head}components:\n  - { id: c, kind: client }\n${component}connections:\n  - c -> api\n  - api -> db\nflows:\n  - id: f\n    rate: 5k/s\n    steps:\n      - c -> api\n      - { from: api, to: db, kind: write }\n`;

    it('over capacity: the fix sets replicas to what is needed, and the problem goes', () => {
      const text = loaded('  - id: api\n    kind: service\n    replicas: 2   # two for now\n    capacity: 1k/s\n  - { id: db, kind: sql-database, capacity: 100k/s }\n');
      const after = fixed(text, 'sysdesign/over-capacity', 'set-component-field');
      // 10k/s at peak on 1k/s each at 70%: ceil(10k / 700) = 15
      assert.equal(after, text.replace('    replicas: 2   # two for now', '    replicas: 15   # two for now'));
      assert.deepEqual(
        analyseText(after).problems.filter((p) => p.code === 'sysdesign/over-capacity'),
        [],
      );
    });

    it('over capacity on a stateful kind in a flow map: the fix adds shards', () => {
      const text = loaded('  - { id: api, kind: service, capacity: 100k/s, replicas: 2 }\n  - { id: db, kind: sql-database, capacity: 2k/s, replicas: 3 }\n');
      const after = fixed(text, 'sysdesign/over-capacity', 'set-component-field');
      // writes go to every copy of a shard: ceil(10k / (2k x 70%)) = 8 shards
      assert.equal(after, text.replace('capacity: 2k/s, replicas: 3 }', 'capacity: 2k/s, replicas: 3, shards: 8 }'));
      assert.deepEqual(
        analyseText(after).problems.filter((p) => p.code === 'sysdesign/over-capacity'),
        [],
      );
    });

    it('an empty `components:` gets its first item under the key', () => {
      const text = `${head}components:\nconnections:\n  - web -> api\n`;
      assert.equal(fixed(text, 'sysdesign/unknown-component', 'create-component'), `${head}components:\n  - id: web\n    kind: service\nconnections:\n  - web -> api\n`);
    });

    it('a flow list gets a flow item', () => {
      const text = `${head}components: []\nconnections: [web -> api]\n`;
      assert.equal(fixed(text, 'sysdesign/unknown-component', 'create-component'), `${head}components: [{ id: web, kind: service }]\nconnections: [web -> api]\n`);
      const two = `${head}components: [{ id: web, kind: client }]\nconnections: [web -> api]\n`;
      assert.equal(
        fixed(two, 'sysdesign/unknown-component', 'create-component'),
        `${head}components: [{ id: web, kind: client }, { id: api, kind: service }]\nconnections: [web -> api]\n`,
      );
    });

    it('four-space indentation and a file without a final newline', () => {
      const text = `${head}components:\n    -   id: web\n        kind: client\nconnections:\n    - web -> api`;
      assert.equal(
        fixed(text, 'sysdesign/unknown-component', 'create-component'),
        `${head}components:\n    -   id: web\n        kind: client\n    -   id: api\n        kind: service\nconnections:\n    - web -> api`,
      );
      const noConnections = `${head}components:\n  - id: web\n    kind: client\n  - id: api\n    kind: service\nflows:\n  - id: f\n    steps:\n      - web -> api`;
      assert.equal(fixed(noConnections, 'sysdesign/step-without-connection', 'create-connection'), `${noConnections.replace('flows:', 'connections:\n  - web -> api\n\nflows:')}`);
    });

    it('a missing requirement: under an empty `functional:`, as a new `functional:`, or as a new section', () => {
      const flows = 'flows:\n  - id: f\n    requirement: share\n    steps: []\n';
      assert.equal(
        fixed(`${head}requirements:\n  functional:\n  out_of_scope: [x]\n${flows}`, 'sysdesign/unknown-requirement', 'create-requirement'),
        `${head}requirements:\n  functional:\n    - id: share\n      text: TODO describe share\n  out_of_scope: [x]\n${flows}`,
      );
      assert.equal(
        fixed(`${head}requirements:\n  out_of_scope: [x]\n${flows}`, 'sysdesign/unknown-requirement', 'create-requirement'),
        `${head}requirements:\n  functional:\n    - id: share\n      text: TODO describe share\n  out_of_scope: [x]\n${flows}`,
      );
      assert.equal(
        fixed(`${head}${flows}`, 'sysdesign/unknown-requirement', 'create-requirement'),
        `${head}requirements:\n  functional:\n    - id: share\n      text: TODO describe share\n\n${flows}`,
      );
    });

    it('indentation unit', () => {
      assert.equal(indentUnit('a:\n    b: 1\n        c: 2\n'), 4);
      assert.equal(indentUnit('a: 1\n'), 2);
    });
  });

  describe('settings', () => {
    it('estimation.defaultConventions.target_utilisation: a fraction up to 1, anything else ignored', () => {
      const read = (v: unknown) => readSettings({ estimation: { defaultConventions: { target_utilisation: v } } }).defaultConventions.target_utilisation;
      assert.equal(read(0.6), 0.6);
      assert.equal(read(1), 1);
      assert.equal(read(1.5), undefined);
      assert.equal(read(0), undefined);
      assert.equal(read('70%'), undefined);
    });
  });

  describe('the YAML path at the cursor', () => {
    const at = (text: string) => cursorContext(text.replace('§', ''), text.indexOf('§'));

    it('keys, values and items, including lists flush with their key', () => {
      assert.deepEqual(at('components:\n  - id: a\n    kind: §'), {
        kind: 'value',
        path: ['components', '[]'],
        key: 'kind',
        word: { start: 32, end: 32 },
        before: '',
        needsSpace: false,
      });
      assert.deepEqual(at('components:\n- id: a\n  §')?.path, ['components', '[]']);
      assert.deepEqual(at('flows:\n  - id: f\n    steps:\n      - a -> §')?.path, ['flows', '[]', 'steps']);
      assert.deepEqual(at('flows:\n  - id: f\n    steps:\n    - a -> §')?.path, ['flows', '[]', 'steps']);
      assert.deepEqual(at('estimation:\n  values:\n    x: 1\n\n    §'), { kind: 'key', path: ['estimation', 'values'], word: { start: 36, end: 36 }, siblings: ['x'] });
      assert.equal(at('a: "x # y" # §'), undefined, 'inside a comment');
    });

    it('the shape of a line', () => {
      assert.deepEqual(shapeOf('  - - "a b": c'), {
        nodes: [
          { kind: 'item', column: 2 },
          { kind: 'item', column: 4 },
          { kind: 'key', column: 6, key: 'a b', keyStart: 7, keyEnd: 10, valueColumn: 13 },
        ],
        contentColumn: 6,
        blank: false,
      });
      assert.deepEqual(shapeOf('    # comment'), { nodes: [], contentColumn: 4, blank: true });
      assert.deepEqual(pathAt('a:\n  b:\n    c: 1\n', 'a:\n  b:\n'.length, [], 4, 'key'), ['a', 'b']);
    });

    it('the schema along a path, through $ref and if/then/else', () => {
      assert.deepEqual([...schemaAt(['connections', '[]'])!.properties.keys()], ['from', 'to', 'label', 'async', 'latency', 'protocol']);
      assert.equal(schemaAt(['estimation', 'values', 'anything'])!.quantity, true);
      assert.equal(schemaAt(['components', '[]', 'kind'])!.enum!.length, 16);
      assert.equal(schemaAt(['nope']), undefined);
    });
  });
});
