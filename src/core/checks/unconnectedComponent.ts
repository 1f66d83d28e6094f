import type { Check } from './check';

/** A component no connection touches is either missing a connection or not part of the design. Quiet until connections exist. */
export const unconnectedComponent: Check = {
  codes: ['sysdesign/unconnected-component'],
  run({ design, report }) {
    if (design.connections.length === 0) return;
    const touched = new Set<string>();
    for (const c of design.connections) {
      touched.add(c.from.name);
      touched.add(c.to.name);
    }
    for (const c of design.components) {
      if (touched.has(c.id.name)) continue;
      report({
        code: 'sysdesign/unconnected-component',
        severity: 'warning',
        message: `Nothing connects to "${c.id.name}"; add a connection or remove the component.`,
        start: c.id.start,
        end: c.id.end,
      });
    }
  },
};
