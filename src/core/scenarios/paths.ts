/**
 * A scenario's `set` paths (SPEC 5.3): which figure of the design each one names, or a
 * problem on the exact segment that names nothing, with the closest name as a fix.
 */
import { closest } from '../suggest';
import { CONVENTION_NAMES, COMPONENT_KINDS, COST_FIELDS, KIND_DEFAULT_FIELDS, type CostField, type Design, type Ident, type Problem, type ScenarioSetting } from '../types';

/** The estimation fields a path may set directly, by their name in the document. */
export const ESTIMATION_FIELDS = {
  dau: 'dau',
  users: 'users',
  concurrent: 'concurrent',
  retention: 'retention',
  replication: 'replication',
  cache_hot_ratio: 'cacheHotRatio',
  server_capacity: 'serverCapacity',
} as const;

/** `traffic.<id>.<field>`. */
export const TRAFFIC_FIELDS = { per_user: 'perUser', rate: 'rate', size: 'size', peak_factor: 'peakFactor' } as const;

/** `components.<id>.<field>`. */
export const COMPONENT_FIELDS = {
  replicas: 'replicas',
  shards: 'shards',
  capacity: 'capacity',
  storage_capacity: 'storageCapacity',
  connections: 'connections',
  max_connections: 'maxConnections',
  availability: 'availability',
  latency: 'latency',
} as const;

/** What a path names. */
export type PathTarget =
  | { kind: 'estimation'; field: (typeof ESTIMATION_FIELDS)[keyof typeof ESTIMATION_FIELDS] }
  | { kind: 'convention'; name: string }
  | { kind: 'value'; name: string }
  | { kind: 'default'; componentKind: string; field: string }
  | { kind: 'default-cost'; componentKind: string; field: CostField }
  | { kind: 'traffic'; id: string; field: (typeof TRAFFIC_FIELDS)[keyof typeof TRAFFIC_FIELDS] }
  | { kind: 'component'; id: string; field: (typeof COMPONENT_FIELDS)[keyof typeof COMPONENT_FIELDS] }
  | { kind: 'component-cost'; id: string; field: CostField };

/** What a `.cost` path may name after `cost`. */
const COST = 'cost';

const ROOTS = [...Object.keys(ESTIMATION_FIELDS), 'conventions', 'values', 'defaults', 'traffic', 'components'];

/** A path's segments with their spans in the document (the whole path's span when it is not a plain key). */
export function pathSegments(setting: ScenarioSetting): Ident[] {
  const out: Ident[] = [];
  let offset = 0;
  for (const name of setting.path.text.split('.')) {
    const start = setting.exact ? setting.path.start + offset : setting.path.start;
    const end = setting.exact ? start + name.length : setting.path.end;
    out.push({ name, start, end });
    offset += name.length + 1;
  }
  return out;
}

/** Where an id in a path refers to a component, traffic line or value: for references and rename. */
export function pathReference(setting: ScenarioSetting): { kind: 'component' | 'traffic' | 'value'; ident: Ident } | undefined {
  const [root, second] = pathSegments(setting);
  if (!second || !setting.exact) return undefined;
  if (root.name === 'components') return { kind: 'component', ident: second };
  if (root.name === 'traffic') return { kind: 'traffic', ident: second };
  if (root.name === 'values') return { kind: 'value', ident: second };
  return undefined;
}

export function resolvePath(design: Design, setting: ScenarioSetting, scenarioId: string): { target: PathTarget } | { problem: Problem } {
  const segments = pathSegments(setting);
  const [root, second, third] = segments;
  const fail = (at: Ident, message: string, candidates: readonly string[]): { problem: Problem } => {
    const suggestion = at.name === '' ? undefined : closest(at.name, candidates);
    return {
      problem: {
        code: 'sysdesign/scenario-path',
        severity: 'error',
        message: `Scenario "${scenarioId}": ${message}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        start: at.start,
        end: at.end,
        ...(suggestion ? { fixes: [{ kind: 'replace' as const, text: suggestion }] } : {}),
      },
    };
  };
  const tooLong = (at: Ident | undefined, what: string): { problem: Problem } | undefined =>
    at ? fail(at, `${what} has no "${at.name}" inside it: write the path up to the field`, []) : undefined;
  // `<prefix>.<price>`: the price after `cost`, or a problem on the segment that names none.
  const costPrice = (cost: Ident, price: Ident | undefined, prefix: string): { field: CostField } | { problem: Problem } => {
    if (!price) return fail(cost, `write \`${prefix}.<price>\` with a price of ${COST_FIELDS.join(', ')}`, []);
    if (!(COST_FIELDS as readonly string[]).includes(price.name)) return fail(price, `a cost map has no price "${price.name}"`, COST_FIELDS);
    return { field: price.name as CostField };
  };
  const expected = `${ROOTS.map((r) => `\`${r}\``).join(', ')}`;

  if (Object.hasOwn(ESTIMATION_FIELDS, root.name)) {
    const longer = tooLong(second, `\`${root.name}\``);
    if (longer) return longer;
    return { target: { kind: 'estimation', field: ESTIMATION_FIELDS[root.name as keyof typeof ESTIMATION_FIELDS] } };
  }
  const est = design.estimation;
  switch (root.name) {
    case 'conventions': {
      if (!second) return fail(root, 'write `conventions.<name>`, e.g. `conventions.peak_factor`', []);
      if (!(CONVENTION_NAMES as readonly string[]).includes(second.name)) return fail(second, `there is no convention "${second.name}"`, CONVENTION_NAMES);
      return tooLong(third, `\`conventions.${second.name}\``) ?? { target: { kind: 'convention', name: second.name } };
    }
    case 'values': {
      if (!second) return fail(root, 'write `values.<name>`, e.g. `values.hit_ratio`', []);
      const names = (est?.values ?? []).map((v) => v.name.name);
      if (!names.includes(second.name)) return fail(second, `there is no value "${second.name}" under \`estimation.values\``, names);
      return tooLong(third, `\`values.${second.name}\``) ?? { target: { kind: 'value', name: second.name } };
    }
    case 'defaults': {
      if (!second || !third) return fail(root, 'write `defaults.<kind>.<field>`, e.g. `defaults.service.capacity`', []);
      if (!(COMPONENT_KINDS as readonly string[]).includes(second.name)) return fail(second, `there is no component kind "${second.name}"`, COMPONENT_KINDS);
      if (third.name === COST) {
        const price = costPrice(third, segments[3], `defaults.${second.name}.cost`);
        if ('problem' in price) return price;
        return tooLong(segments[4], `\`defaults.${second.name}.cost.${price.field}\``) ?? { target: { kind: 'default-cost', componentKind: second.name, field: price.field } };
      }
      if (!(KIND_DEFAULT_FIELDS as readonly string[]).includes(third.name)) return fail(third, `a kind has no default "${third.name}"`, [...KIND_DEFAULT_FIELDS, COST]);
      return tooLong(segments[3], `\`defaults.${second.name}.${third.name}\``) ?? { target: { kind: 'default', componentKind: second.name, field: third.name } };
    }
    case 'traffic': {
      if (!second || !third) return fail(root, 'write `traffic.<id>.<field>`, e.g. `traffic.view-feed.per_user`', []);
      const ids = (est?.traffic ?? []).map((t) => t.id.name);
      if (!ids.includes(second.name)) return fail(second, `there is no traffic line "${second.name}"`, ids);
      if (!Object.hasOwn(TRAFFIC_FIELDS, third.name)) return fail(third, `a traffic line has no figure "${third.name}"`, Object.keys(TRAFFIC_FIELDS));
      return (
        tooLong(segments[3], `\`traffic.${second.name}.${third.name}\``) ?? {
          target: { kind: 'traffic', id: second.name, field: TRAFFIC_FIELDS[third.name as keyof typeof TRAFFIC_FIELDS] },
        }
      );
    }
    case 'components': {
      if (!second || !third) return fail(root, 'write `components.<id>.<field>`, e.g. `components.api.replicas`', []);
      const ids = design.components.map((c) => c.id.name);
      if (!ids.includes(second.name)) return fail(second, `there is no component "${second.name}"`, ids);
      if (third.name === COST) {
        const price = costPrice(third, segments[3], `components.${second.name}.cost`);
        if ('problem' in price) return price;
        return tooLong(segments[4], `\`components.${second.name}.cost.${price.field}\``) ?? { target: { kind: 'component-cost', id: second.name, field: price.field } };
      }
      if (!Object.hasOwn(COMPONENT_FIELDS, third.name)) return fail(third, `a component has no figure "${third.name}" to set`, [...Object.keys(COMPONENT_FIELDS), COST]);
      return (
        tooLong(segments[3], `\`components.${second.name}.${third.name}\``) ?? {
          target: { kind: 'component', id: second.name, field: COMPONENT_FIELDS[third.name as keyof typeof COMPONENT_FIELDS] },
        }
      );
    }
    default:
      return fail(root, `a path starts with one of ${expected}, not "${root.name}"`, ROOTS);
  }
}
