/**
 * What each component costs per month and what the design costs in total (SPEC 5.4).
 * Pure arithmetic on the load; null wherever a price or the usage it multiplies is missing.
 *
 * A price comes, in the order a person expects to win, from the component's `cost` map
 * (which replaces the kind's prices: a price it leaves out is none), the design's
 * `estimation.defaults.<kind>.cost`, then the product's table (`defaults.ts`). A month is
 * `days_per_month` days of `seconds_per_day` seconds, as the traffic per month is.
 */
import type { Figures } from '../quantities';
import {
  COST_FIELDS,
  type Component,
  type ComponentLoad,
  type Conventions,
  type CostBreakdown,
  type CostEstimate,
  type CostField,
  type FigureOrigin,
  type TrafficEstimate,
} from '../types';
import { KIND_DEFAULTS } from './defaults';
import { roundNoise } from './round';

/** A price in base units (USD per second, byte-second, byte or request) and where it came from. */
export interface Price {
  value: number;
  origin: FigureOrigin;
}

/** What a component uses of what it is billed for, on average (a bill is not sized for the peak). */
export interface Usage {
  /** shards x replicas. */
  instances: number;
  /** Bytes on disk: a copy on each replica. */
  storedBytes: number | null;
  /** Bytes per second it sends on read steps called by a client or an external system; null when no request reaches it. */
  egressBytesPerSecond: number | null;
  /** Requests per second it receives; null when no request reaches it. */
  requestsPerSecond: number | null;
}

export interface ComponentCost {
  cost_per_month: number | null;
  cost_breakdown: CostBreakdown;
  cost_origins: Partial<Record<CostField, FigureOrigin>>;
}

/** Seconds in the month costs are given per: `days_per_month` days of `seconds_per_day`. */
export function secondsPerMonth(conventions: Conventions): number {
  return conventions.days_per_month * conventions.seconds_per_day;
}

/** The prices a component pays, each with its origin; a price with an error in it is left out (the error is reported). */
export function componentPrices(component: Component, figures: Figures): Partial<Record<CostField, Price>> {
  const out: Partial<Record<CostField, Price>> = {};
  const own = figures.costs.get(component);
  const replaces = component.cost !== undefined && component.cost.keepsDefaults !== true;
  const kind = component.kind;
  for (const field of COST_FIELDS) {
    const written = component.cost?.[field];
    if (written) {
      const value = own?.[field];
      if (value !== undefined && value !== null) out[field] = { value, origin: { from: 'component', shown: written.text } };
      continue;
    }
    if (replaces || !kind) continue;
    const design = figures.kindCosts.get(kind)?.get(field);
    if (design) {
      out[field] = { value: design.value, origin: { from: 'design', shown: design.shown } };
      continue;
    }
    const builtIn = KIND_DEFAULTS[kind]?.cost[field];
    if (builtIn)
      out[field] = { value: builtIn.value, origin: { from: 'built-in', shown: builtIn.shown, source: builtIn.source, year: builtIn.year, assumption: builtIn.assumption } };
  }
  return out;
}

/** A component's cost per month: each price times what it uses of it over a month. */
export function componentCost(prices: Partial<Record<CostField, Price>>, usage: Usage, conventions: Conventions): ComponentCost {
  const month = secondsPerMonth(conventions);
  const times = (price: Price | undefined, amount: number | null): number | null => (price === undefined || amount === null ? null : roundNoise(price.value * amount * month));
  const breakdown: CostBreakdown = {
    instance: times(prices.instance, usage.instances),
    storage: times(prices.storage, usage.storedBytes),
    transfer: times(prices.transfer, usage.egressBytesPerSecond),
    requests: times(prices.requests, usage.requestsPerSecond),
    fixed: times(prices.fixed, 1),
  };
  const origins: Partial<Record<CostField, FigureOrigin>> = {};
  for (const field of COST_FIELDS) {
    const price = prices[field];
    if (price) origins[field] = price.origin;
  }
  return { cost_per_month: sum(Object.values(breakdown)), cost_breakdown: breakdown, cost_origins: origins };
}

/**
 * The design's cost per month (each component id once, the first definition as everywhere),
 * per thousand requests of all traffic lines and per daily active user.
 */
export function costEstimate(components: readonly ComponentLoad[], traffic: readonly TrafficEstimate[], dau: number | null, conventions: Conventions): CostEstimate {
  const seen = new Set<string>();
  const costs: Array<number | null> = [];
  for (const c of components) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    costs.push(c.cost_per_month);
  }
  const perMonth = sum(costs);
  const perDay = sum(traffic.map((t) => t.per_day));
  const requests = perDay === null ? null : perDay * conventions.days_per_month;
  return {
    per_month: perMonth,
    per_thousand_requests: perMonth !== null && requests !== null && requests > 0 ? roundNoise(perMonth / (requests / 1000)) : null,
    per_dau_per_month: perMonth !== null && dau !== null && dau > 0 ? roundNoise(perMonth / dau) : null,
  };
}

/** Sum of the numbers present; null only when none is. */
function sum(xs: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const x of xs) if (x !== null) total = (total ?? 0) + x;
  return total === null ? null : roundNoise(total);
}
