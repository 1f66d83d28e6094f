import { componentsById } from '../lookups';
import { STATEFUL_KINDS } from '../types';
import type { Check } from './check';

/**
 * A data model's `store` names the component that keeps its rows: a database, a cache, an
 * object store, a queue, a stream or a search index. Naming a service or a load balancer
 * is a slip (the service that writes the rows, not where they live), and storage and load
 * would land on the wrong box.
 */
export const dataModelStore: Check = {
  codes: ['sysdesign/store-not-a-store'],
  run({ design, report }) {
    const byId = componentsById(design);
    for (const model of design.dataModels) {
      const component = model.store ? byId.get(model.store.name) : undefined;
      if (!model.store || !component?.kind || STATEFUL_KINDS.has(component.kind)) continue;
      report({
        code: 'sysdesign/store-not-a-store',
        severity: 'warning',
        message: `Data model "${model.id.name}" is stored in "${component.id.name}", a ${component.kind}; \`store\` names the component that keeps the rows (${[...STATEFUL_KINDS].join(', ')}).`,
        start: model.store.start,
        end: model.store.end,
      });
    }
  },
};
