// The preview's load data (server/features/diagrams.ts): utilisation bands at their
// edges, a design's own target, and edge weights relative to the busiest edge.
import * as assert from 'node:assert/strict';
import { utilisationBand } from '../../src/server/features/diagrams';

describe('the preview load: utilisation bands', () => {
  it('puts each utilisation in its band at the edges', () => {
    const cases: Array<[number | null, string]> = [
      [null, 'unknown'],
      [Number.NaN, 'unknown'],
      [0, 'low'],
      [0.4999, 'low'],
      [0.5, 'target'],
      [0.7, 'target'],
      [0.7001, 'high'],
      [0.9999, 'high'],
      [1, 'saturated'],
      [Infinity, 'saturated'],
    ];
    for (const [u, band] of cases) assert.equal(utilisationBand(u, 0.7), band, `${u}`);
  });

  it('follows the design target: under a low target the band starts 20 points lower', () => {
    assert.equal(utilisationBand(0.15, 0.4), 'low');
    assert.equal(utilisationBand(0.35, 0.4), 'target');
    assert.equal(utilisationBand(0.45, 0.4), 'high');
    assert.equal(utilisationBand(0.85, 0.9), 'target');
  });
});
