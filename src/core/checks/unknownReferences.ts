import { closest } from '../suggest';
import type { SymbolKind } from '../symbols';
import type { ProblemCode, ProblemFix } from '../types';
import type { Check } from './check';

const CODE: Partial<Record<SymbolKind, ProblemCode>> = {
  component: 'sysdesign/unknown-component',
  requirement: 'sysdesign/unknown-requirement',
  'data-model': 'sysdesign/unknown-data-model',
  field: 'sysdesign/unknown-field',
};

const NOUN: Partial<Record<SymbolKind, string>> = {
  component: 'component',
  requirement: 'requirement',
  flow: 'flow',
  'data-model': 'data model',
  field: 'field',
};

/**
 * Every reference (connections, flow steps, `store`, `members`, `requirement`, latency
 * targets, foreign keys) names something defined, with "did you mean" when a name is close.
 * Names in expressions are checked by the quantity stage.
 */
export const unknownReferences: Check = {
  codes: ['sysdesign/unknown-component', 'sysdesign/unknown-requirement', 'sysdesign/unknown-data-model', 'sysdesign/unknown-field'],
  run({ symbols, report }) {
    for (const ref of symbols.references) {
      const primary = ref.kinds[0];
      const code = CODE[primary];
      if (code === undefined) continue;
      if (symbols.resolve(ref)) continue;
      // A foreign key into an unknown table is reported once, on the table.
      if (primary === 'field' && ref.container !== undefined && !symbols.lookup(['data-model'], ref.container)) continue;
      const candidates = ref.kinds.flatMap((k) => symbols.names(k, ref.container));
      const suggestion = closest(ref.ident.name, candidates);
      const fixes: ProblemFix[] = [];
      if (suggestion !== undefined) fixes.push({ kind: 'replace', text: suggestion });
      if (primary === 'component') fixes.push({ kind: 'create-component', id: ref.ident.name });
      if (primary === 'requirement') fixes.push({ kind: 'create-requirement', id: ref.ident.name });
      const what = ref.kinds.map((k) => NOUN[k] ?? k).join(' or ');
      const where = ref.container !== undefined ? ` in ${ref.container}` : '';
      report({
        code,
        severity: 'error',
        message: `The ${ref.role} names "${ref.ident.name}", but no ${what}${where} has that id${suggestion !== undefined ? `; did you mean "${suggestion}"?` : '.'}`,
        start: ref.ident.start,
        end: ref.ident.end,
        fixes,
      });
    }
  },
};
