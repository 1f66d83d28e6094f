/**
 * What the estimate starts from, as written and as computed: the conventions, `users`,
 * `dau`, `concurrent`, retention, replication, cache ratio and server capacity, and every
 * named value with its expression and result. The Markdown export and `sysdesign
 * estimate` lay these rows out (code spans in one, plain columns in the other).
 */
import { formatEvaluated } from '../quantity';
import type { Design, Estimate, EvaluatedQuantity, QuantitySource } from '../types';

export interface InputRow {
  /** `Daily active users`, `Convention`, or a value's name. */
  label: string;
  /** A name that belongs to the label, shown as code (a convention's name). */
  name?: string;
  /** The expression as written (`users * 50%`). */
  expression: string;
  /** The computed value (`500M`), when it says more than the expression; undefined otherwise. */
  result?: string;
  /** Where the value comes from (its `source`/`sources`), as written. */
  sources?: string[];
}

export interface EstimateInputs {
  inputs: InputRow[];
  values: InputRow[];
}

export function estimateInputs(design: Design, estimate: Estimate, quantities: ReadonlyMap<number, EvaluatedQuantity> | undefined): EstimateInputs {
  const e = design.estimation;
  if (!e) return { inputs: [], values: [] };
  // A lone number or unit (`10M`, `2 MB`) computes to itself; an expression with names or arithmetic does not.
  const result = (q: QuantitySource, always: boolean): string | undefined => {
    const evaluated = quantities?.get(q.start);
    if (!evaluated || evaluated.value === null) return undefined;
    if (!always && evaluated.names.length === 0 && !/[+*()]|\s-\s|\/\s*[\d.]/.test(q.text)) return undefined;
    return formatEvaluated(evaluated, estimate.conventions, q.text);
  };
  const inputs: InputRow[] = e.conventions.map((c) => ({ label: 'Convention', name: c.name.name, expression: c.value.text }));
  const add = (label: string, q: QuantitySource | undefined) => {
    if (q) inputs.push({ label, expression: q.text, result: result(q, false) });
  };
  add('Registered users', e.users);
  add('Daily active users', e.dau);
  add('Concurrent users', e.concurrent);
  add('Retention', e.retention);
  add('Replication', e.replication);
  add('Cache hot ratio', e.cacheHotRatio);
  add('Server capacity', e.serverCapacity);
  const values = e.values.map((v) => ({
    label: v.name.name,
    expression: v.value.text,
    result: result(v.value, true),
    ...(v.sources ? { sources: v.sources.map((t) => t.text) } : {}),
  }));
  return { inputs, values };
}
