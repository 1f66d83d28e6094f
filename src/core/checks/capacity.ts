import { formatBytes, formatCount, formatDistinct, formatPercent, formatRate } from '../quantity';
import { STATEFUL_KINDS, type Component, type ComponentLoad, type Problem } from '../types';
import type { Check } from './check';

/**
 * Whether each component holds its load at peak (SPEC 5.2): over capacity is an error,
 * over the target utilisation a warning, and on an important dry run a component that
 * one lost instance would push past 100 % has no failover headroom. Each message names
 * the load, the capacity and what is needed, and offers to set it.
 */
export const capacity: Check = {
  codes: ['sysdesign/over-capacity', 'sysdesign/high-utilisation', 'sysdesign/no-failover-headroom'],
  run({ design, estimate, report }) {
    const important = importantComponents(design);
    const target = estimate.conventions.target_utilisation;
    design.components.forEach((component, i) => {
      const load = estimate.components[i];
      if (!load || load.id !== component.id.name) return;
      const over = overCapacity(component, load);
      if (over) {
        report(over);
        return;
      }
      if (load.utilisation !== null && load.utilisation > target + 1e-12) {
        const [utilisation, targetText] = formatDistinct(load.utilisation, target, formatPercent);
        report(
          problem(
            component,
            load,
            'sysdesign/high-utilisation',
            'warning',
            `${loadText(load)}: ${utilisation} utilisation at peak, over the ${targetText} target; ${neededText(load)}.`,
          ),
        );
      } else if (load.survives_instance_loss === false && hasSpare(component, load) && important.has(component.id.name)) {
        const statefulKind = component.kind !== undefined && STATEFUL_KINDS.has(component.kind);
        report({
          ...problem(
            component,
            load,
            'sysdesign/no-failover-headroom',
            'warning',
            `${loadText(load)}: losing one of its ${load.instances} instances pushes the rest past 100 % on an important dry run; add ${statefulKind ? 'a replica' : 'an instance'}.`,
          ),
          fixes: [{ kind: 'set-component-field', id: component.id.name, field: 'replicas', value: String(load.replicas + 1) }],
        });
      }
    });
  },
};

function overCapacity(component: Component, load: ComponentLoad): Problem | undefined {
  const reasons: string[] = [];
  if (load.utilisation !== null && load.utilisation >= 1) reasons.push(`${loadText(load)} is ${formatPercent(load.utilisation)} of what it handles`);
  if (load.connections !== null && load.max_connections !== null && load.connections > load.instances * load.max_connections) {
    reasons.push(`${formatCount(load.connections)} open connections exceed ${load.instances} × ${formatCount(load.max_connections)} per instance`);
  }
  const stateful = component.kind !== undefined && STATEFUL_KINDS.has(component.kind);
  if (stateful && load.stored_bytes !== null && load.storage_capacity_bytes !== null && load.stored_bytes > load.shards * load.storage_capacity_bytes) {
    reasons.push(`${formatBytes(load.stored_bytes)} stored exceed ${load.shards} shard${load.shards === 1 ? '' : 's'} × ${formatBytes(load.storage_capacity_bytes)}`);
  }
  if (reasons.length === 0) return undefined;
  return problem(component, load, 'sysdesign/over-capacity', 'error', `"${component.id.name}" is over capacity: ${reasons.join('; ')}; ${neededText(load)}.`);
}

/**
 * Whether losing one instance leaves others to take its load: a stateless kind with two or
 * more instances, a stateful one with two or more copies of each shard. (A shard with one
 * copy is a single point of failure, not a matter of headroom.)
 */
function hasSpare(component: Component, load: ComponentLoad): boolean {
  return component.kind !== undefined && STATEFUL_KINDS.has(component.kind) ? load.replicas >= 2 : load.instances >= 2;
}

/** "peak 25.5k req/s on 10 × 2k/s" */
function loadText(load: ComponentLoad): string {
  const peak = load.peak_per_second === null ? 'its load' : `peak ${formatRate(load.peak_per_second)}`;
  return load.capacity_per_second === null ? peak : `${peak} on ${load.instances} × ${formatRate(load.capacity_per_second)}`;
}

function neededText(load: ComponentLoad): string {
  if (load.shards_needed !== null) return `it needs ${load.shards_needed} shards of ${load.replicas} (${load.instances_needed} instances)`;
  return load.instances_needed === null ? 'give it more instances' : `it needs ${load.instances_needed} instances`;
}

function problem(component: Component, load: ComponentLoad, code: Problem['code'], severity: Problem['severity'], message: string): Problem {
  const fix = setNeeded(component, load);
  return { code, severity, message, start: component.id.start, end: component.id.end, ...(fix ? { fixes: [fix] } : {}) };
}

/** The quick fix: shards for a stateful kind, replicas (per shard) otherwise. */
function setNeeded(component: Component, load: ComponentLoad): NonNullable<Problem['fixes']>[number] | undefined {
  if (load.shards_needed !== null && load.shards_needed > load.shards)
    return { kind: 'set-component-field', id: component.id.name, field: 'shards', value: String(load.shards_needed) };
  if (load.shards_needed === null && load.instances_needed !== null && load.instances_needed > load.instances) {
    return { kind: 'set-component-field', id: component.id.name, field: 'replicas', value: String(Math.ceil(load.instances_needed / load.shards)) };
  }
  return undefined;
}

/** Components crossed by a dry run of an important requirement (a flow without a requirement counts as important). */
function importantComponents(design: Parameters<Check['run']>[0]['design']): Set<string> {
  const notImportant = new Set((design.requirements?.functional ?? []).filter((r) => !r.important).map((r) => r.id.name));
  const out = new Set<string>();
  for (const flow of design.flows) {
    if (flow.requirement && notImportant.has(flow.requirement.name)) continue;
    for (const step of flow.steps) out.add(step.to.name);
  }
  return out;
}
