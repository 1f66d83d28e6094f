/**
 * Every id of a design, where it is defined and where it is used. Checks read it for
 * unknown references and duplicates; the language server reads it for definition,
 * references and rename. One table, so the two can never disagree.
 */
import { pathReference } from './scenarios/paths';
import type { Design, Ident } from './types';

export type SymbolKind = 'requirement' | 'component' | 'group' | 'api' | 'data-model' | 'field' | 'flow' | 'traffic' | 'value' | 'scenario';

/** How messages and hovers name each kind of symbol. */
export const SYMBOL_NOUNS: Readonly<Record<SymbolKind, string>> = {
  requirement: 'requirement',
  component: 'component',
  group: 'group',
  api: 'API',
  'data-model': 'data model',
  field: 'field',
  flow: 'flow',
  traffic: 'traffic line',
  value: 'value',
  scenario: 'scenario',
};

export interface SymbolDefinition {
  kind: SymbolKind;
  /** For fields: the data model id they belong to. */
  container?: string;
  ident: Ident;
}

export interface SymbolReference {
  /** The kinds the name may resolve to, in order of preference. */
  kinds: readonly SymbolKind[];
  container?: string;
  ident: Ident;
  /** What the reference is, for messages: "connection", "flow step", "store", ... */
  role: string;
}

export class SymbolTable {
  readonly definitions: SymbolDefinition[] = [];
  readonly references: SymbolReference[] = [];
  private readonly byKey = new Map<string, SymbolDefinition>();

  define(kind: SymbolKind, ident: Ident, container?: string): void {
    const def: SymbolDefinition = { kind, ident, container };
    this.definitions.push(def);
    const key = keyOf(kind, ident.name, container);
    if (!this.byKey.has(key)) this.byKey.set(key, def);
  }

  refer(kinds: readonly SymbolKind[], ident: Ident, role: string, container?: string): void {
    this.references.push({ kinds, ident, role, container });
  }

  /** The first definition of `name` among `kinds`. */
  lookup(kinds: readonly SymbolKind[], name: string, container?: string): SymbolDefinition | undefined {
    for (const kind of kinds) {
      const def = this.byKey.get(keyOf(kind, name, container));
      if (def) return def;
    }
    return undefined;
  }

  /** Names defined for a kind (for "did you mean" and completion). */
  names(kind: SymbolKind, container?: string): string[] {
    const out: string[] = [];
    for (const def of this.definitions) if (def.kind === kind && def.container === container) out.push(def.ident.name);
    return out;
  }

  /** The definition or reference whose name span contains `offset`. */
  at(offset: number): { definition?: SymbolDefinition; reference?: SymbolReference } | undefined {
    for (const def of this.definitions) if (within(def.ident, offset)) return { definition: def };
    for (const ref of this.references) if (within(ref.ident, offset)) return { reference: ref };
    return undefined;
  }

  /** Resolves a reference to its definition, if any. */
  resolve(ref: SymbolReference): SymbolDefinition | undefined {
    return this.lookup(ref.kinds, ref.ident.name, ref.container);
  }
}

function keyOf(kind: SymbolKind, name: string, container?: string): string {
  return container === undefined ? `${kind}\u0000${name}` : `${kind}\u0000${container}\u0000${name}`;
}

function within(ident: Ident, offset: number): boolean {
  return offset >= ident.start && offset <= ident.end;
}

const REQUIREMENT: readonly SymbolKind[] = ['requirement'];
const COMPONENT: readonly SymbolKind[] = ['component'];
/** Latency targets name a requirement or a flow (`default` is not a reference). */
const REQUIREMENT_OR_FLOW: readonly SymbolKind[] = ['requirement', 'flow'];

/** Builds the table from the model. Value names used in expressions are added by the quantity stage. */
export function collectSymbols(design: Design): SymbolTable {
  const table = new SymbolTable();
  const req = design.requirements;
  for (const r of req?.functional ?? []) table.define('requirement', r.id);
  for (const c of design.components) table.define('component', c.id);
  for (const g of design.groups) table.define('group', g.id);
  for (const a of design.apis) table.define('api', a.id);
  for (const m of design.dataModels) {
    table.define('data-model', m.id);
    for (const f of m.fields) table.define('field', f.name, m.id.name);
  }
  for (const f of design.flows) table.define('flow', f.id);
  for (const t of design.estimation?.traffic ?? []) table.define('traffic', t.id);
  for (const v of design.estimation?.values ?? []) table.define('value', v.name);

  for (const target of req?.nonFunctional?.latency ?? []) {
    if (target.key.name !== 'default') table.refer(REQUIREMENT_OR_FLOW, target.key, 'latency target');
  }
  for (const target of req?.nonFunctional?.availabilityTargets ?? []) {
    if (target.key.name !== 'default') table.refer(REQUIREMENT_OR_FLOW, target.key, 'availability target');
  }
  for (const a of design.apis) if (a.requirement) table.refer(REQUIREMENT, a.requirement, 'API');
  for (const m of design.dataModels) {
    if (m.store) table.refer(COMPONENT, m.store, 'store');
    for (const f of m.fields) {
      if (!f.fk) continue;
      table.refer(['data-model'], f.fk.table, 'foreign key');
      if (f.fk.field) table.refer(['field'], f.fk.field, 'foreign key', f.fk.table.name);
    }
  }
  for (const g of design.groups) for (const m of g.members) table.refer(COMPONENT, m, 'group member');
  for (const scenario of design.scenarios) {
    table.define('scenario', scenario.id);
    for (const f of scenario.fail) table.refer(COMPONENT, f, 'failed component');
    // An id inside a `set` path is a reference once it names something; an unknown one is the path's problem.
    for (const setting of scenario.set) {
      const ref = pathReference(setting);
      if (ref && table.lookup([ref.kind], ref.ident.name)) table.refer([ref.kind], ref.ident, 'scenario path');
    }
  }
  for (const c of design.connections) {
    table.refer(COMPONENT, c.from, 'connection');
    table.refer(COMPONENT, c.to, 'connection');
  }
  for (const f of design.flows) {
    if (f.requirement) table.refer(REQUIREMENT, f.requirement, 'flow');
    if (f.traffic) table.refer(['traffic'], f.traffic, 'flow traffic');
    for (const s of f.steps) {
      table.refer(COMPONENT, s.from, 'flow step');
      table.refer(COMPONENT, s.to, 'flow step');
    }
  }
  return table;
}
