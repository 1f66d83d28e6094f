import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';

/**
 * The examples and templates are sized for their own load (SPEC 5.2): every component a
 * dry run crosses has a utilisation, and it is under 100 % at peak. A later change to the
 * load model or to a design that overloads one of them fails here, by name.
 */
const root = path.join(__dirname, '..', '..');

/** Kinds that are not provisioned by the design, so they have no capacity (SPEC 5.5). */
const UNPROVISIONED = new Set(['client', 'dns', 'external']);

function designFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.sysdesign.yaml') || f.endsWith('.sysdesign.yml'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

describe('examples and templates hold their own load', function () {
  this.timeout(30000);

  for (const rel of [...designFiles('examples'), ...designFiles('templates')]) {
    it(`${rel}: every component a dry run crosses is under 100 % at peak`, () => {
      const { design, estimate } = analyseText(readFileSync(path.join(root, rel), 'utf8'));
      // Crossed: a step of a dry run reaches it (a batch job that only starts a flow is not).
      const crossed = new Set(design.flows.flatMap((f) => f.steps.map((s) => s.to.name)));
      const kinds = new Map(design.components.map((c) => [c.id.name, c.kind]));
      const checked = estimate.components.filter((c) => crossed.has(c.id) && !UNPROVISIONED.has(String(kinds.get(c.id))));
      assert.ok(checked.length > 0, 'some provisioned component is crossed by a dry run');
      const bad = checked
        .filter((c) => c.utilisation === null || !(c.utilisation < 1))
        .map((c) => `${c.id} (${c.kind}): utilisation ${c.utilisation === null ? 'null' : `${(c.utilisation * 100).toFixed(1)} %`}, peak ${c.peak_per_second}/s`);
      assert.deepEqual(bad, []);
    });
  }
});
