import { SYMBOL_NOUNS, type SymbolDefinition } from '../symbols';
import type { Check } from './check';

/** Ids are unique within their kind: a second definition would make every reference ambiguous. */
export const duplicateIds: Check = {
  codes: ['sysdesign/duplicate-id'],
  run({ symbols, report }) {
    const first = new Map<string, SymbolDefinition>();
    for (const def of symbols.definitions) {
      // Map keys (fields, values) are already reported as duplicate YAML keys.
      if (def.kind === 'field' || def.kind === 'value') continue;
      const key = `${def.kind}\u0000${def.ident.name}`;
      if (!first.has(key)) {
        first.set(key, def);
        continue;
      }
      report({
        code: 'sysdesign/duplicate-id',
        severity: 'error',
        message: `Another ${SYMBOL_NOUNS[def.kind]} already has the id "${def.ident.name}"; ids must be unique.`,
        start: def.ident.start,
        end: def.ident.end,
      });
    }
  },
};
