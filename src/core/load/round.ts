/** Removes binary floating-point noise (0.1 + 0.2) so ceil() and equality behave as people expect. */
export function roundNoise(x: number): number {
  return Number.isFinite(x) ? Number.parseFloat(x.toPrecision(12)) : x;
}
