/**
 * Mean queueing wait of an M/M/c queue (Erlang C), exact and stable for any number of
 * servers, in time that grows with √c rather than c.
 *
 * Factorials overflow past c = 170. Instead, Erlang B is the Poisson ratio
 *   B(c, a) = P(N = c) / P(N <= c),  N ~ Poisson(a),
 * summed from k = c downwards as T_c = 1, T_(k-1) = T_k · k / a (so B = 1 / Σ T_k). Terms
 * above the offered load a grow, terms below it shrink; the sum stops once they are
 * negligible, or once it passes 1e300 (then B is 0 to double precision). That takes about
 * 80·√c steps at worst. Erlang C follows: C = B / (1 - ρ·(1 - B)), ρ = a / c.
 * Past EXACT_LIMIT servers the Halfin–Whitt limit (relative error ~1/√c) takes over.
 */

/** Servers up to which the exact sum runs (under a million steps). */
export const EXACT_LIMIT = 1e8;

/** The probability that an arriving request waits, for c servers at utilisation rho (0 <= rho < 1). */
export function erlangC(servers: number, rho: number): number {
  if (!(rho >= 0) || rho >= 1 || !(servers >= 1)) return Number.NaN;
  if (rho === 0) return 0;
  const c = Math.floor(servers);
  if (c > EXACT_LIMIT) return halfinWhitt(c, rho);
  const b = erlangB(c, rho * c);
  return b / (1 - rho * (1 - b));
}

/**
 * Mean wait in the queue (seconds) before service starts: C(c, a) · S / (c · (1 - ρ)),
 * with S the service time of one request at one server. null at or past saturation,
 * where the queue grows without bound.
 */
export function erlangCWait(servers: number, rho: number, serviceSeconds: number): number | null {
  if (!(rho < 1) || !(serviceSeconds > 0) || !(servers >= 1)) return null;
  const c = Math.floor(servers);
  const wait = (erlangC(c, rho) * serviceSeconds) / (c * (1 - rho));
  return Number.isFinite(wait) ? wait : null;
}

function erlangB(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = c; k >= 1; k--) {
    term = (term * k) / a;
    sum += term;
    if (sum > 1e300) return 0;
    if (k < a && term < sum * 1e-17) break;
  }
  return 1 / sum;
}

/** Halfin–Whitt: with β = (1-ρ)·√c, P(wait) ≈ 1 / (1 + β·Φ(β)/φ(β)). */
function halfinWhitt(c: number, rho: number): number {
  const beta = (1 - rho) * Math.sqrt(c);
  // φ(β) underflows for β > ~38; the probability of waiting is then 0 to double precision.
  const phi = Math.exp((-beta * beta) / 2) / Math.sqrt(2 * Math.PI);
  if (phi === 0) return 0;
  return 1 / (1 + (beta * normalCdf(beta)) / phi);
}

/** Φ(x) from erf (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
