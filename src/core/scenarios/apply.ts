/**
 * A scenario's design: the base design with each `set` path's figure replaced by the
 * scenario's expression. Only the objects on a changed path are copied; everything else
 * is shared with the base, which is never modified. The replaced figure keeps the
 * scenario's span, so a problem in the new expression lands on the scenario's line.
 */
import type {
  Component,
  CostField,
  CostSource,
  Design,
  Estimation,
  KindDefaultsSource,
  NamedQuantity,
  Problem,
  QuantitySource,
  Scenario,
  ScenarioSetting,
  Traffic,
} from '../types';
import { resolvePath, type PathTarget } from './paths';

export function applyScenario(base: Design, scenario: Scenario): { design: Design; problems: Problem[] } {
  const problems: Problem[] = [];
  let design = base;
  for (const setting of scenario.set) {
    const resolved = resolvePath(base, setting, scenario.id.name);
    if ('problem' in resolved) problems.push(resolved.problem);
    else design = withSetting(design, resolved.target, setting);
  }
  return { design, problems };
}

function withSetting(design: Design, target: PathTarget, setting: ScenarioSetting): Design {
  const value: QuantitySource = setting.value;
  const est: Estimation = design.estimation ?? { conventions: [], defaults: [], values: [], traffic: [], start: setting.start, end: setting.end };
  const named = (list: NamedQuantity[], name: string): NamedQuantity[] => {
    const entry: NamedQuantity = { name: { name, start: setting.path.start, end: setting.path.end }, value, start: setting.start, end: setting.end };
    const at = list.findIndex((n) => n.name.name === name);
    return at < 0 ? [...list, entry] : list.map((n, i) => (i === at ? { ...n, value } : n));
  };
  switch (target.kind) {
    case 'estimation':
      return { ...design, estimation: { ...est, [target.field]: value } };
    case 'convention':
      return { ...design, estimation: { ...est, conventions: named(est.conventions, target.name) } };
    case 'value':
      return { ...design, estimation: { ...est, values: named(est.values, target.name) } };
    case 'default':
    case 'default-cost': {
      const at = est.defaults.findIndex((d) => d.kind.name === target.componentKind);
      const kind: KindDefaultsSource =
        at < 0 ? { kind: { name: target.componentKind, start: setting.path.start, end: setting.path.end }, fields: [], start: setting.start, end: setting.end } : est.defaults[at];
      const changed: KindDefaultsSource =
        target.kind === 'default' ? { ...kind, fields: named(kind.fields, target.field) } : { ...kind, cost: withPrice(kind.cost, target.field, setting, false) };
      const defaults = at < 0 ? [...est.defaults, changed] : est.defaults.map((d, i) => (i === at ? changed : d));
      return { ...design, estimation: { ...est, defaults } };
    }
    case 'traffic': {
      const traffic = est.traffic.map((t): Traffic => (t.id.name === target.id ? { ...t, [target.field]: value } : t));
      return { ...design, estimation: { ...est, traffic } };
    }
    case 'component': {
      const components = design.components.map((c): Component => (c.id.name === target.id ? { ...c, [target.field]: value } : c));
      return { ...design, components };
    }
    case 'component-cost': {
      const components = design.components.map((c): Component => (c.id.name === target.id ? { ...c, cost: withPrice(c.cost, target.field, setting, true) } : c));
      return { ...design, components };
    }
  }
}

/**
 * A cost map with one price set. A component without a map of its own gets one that keeps
 * its other prices (`keepsDefaults`): a scenario changes the price it names, nothing else.
 */
function withPrice(cost: CostSource | undefined, field: CostField, setting: ScenarioSetting, keepsDefaults: boolean): CostSource {
  if (cost) return { ...cost, [field]: setting.value };
  return { start: setting.start, end: setting.end, [field]: setting.value, ...(keepsDefaults ? { keepsDefaults: true as const } : {}) };
}
