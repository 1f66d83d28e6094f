import type { Check } from './check';

/**
 * A dry-run step travels a connection, in either direction (a reply goes back the way
 * the request came). A step between two known components with no connection means the
 * architecture and the dry run disagree.
 */
export const stepWithoutConnection: Check = {
  codes: ['sysdesign/step-without-connection'],
  run({ design, symbols, report }) {
    const links = new Set<string>();
    for (const c of design.connections) {
      links.add(`${c.from.name}\u0000${c.to.name}`);
      links.add(`${c.to.name}\u0000${c.from.name}`);
    }
    for (const flow of design.flows) {
      for (const step of flow.steps) {
        if (step.from.name === step.to.name) continue;
        if (!symbols.lookup(['component'], step.from.name) || !symbols.lookup(['component'], step.to.name)) continue;
        if (links.has(`${step.from.name}\u0000${step.to.name}`)) continue;
        report({
          code: 'sysdesign/step-without-connection',
          severity: 'warning',
          message: `No connection joins ${step.from.name} and ${step.to.name}; add \`${step.from.name} -> ${step.to.name}\` to connections, or route this step through one that exists.`,
          start: step.from.start,
          end: step.to.end,
          fixes: [{ kind: 'create-connection', from: step.from.name, to: step.to.name }],
        });
      }
    }
  },
};
