// The preview's keyboard outside the diagram and the tabs: `n` or `]` steps on through a
// dry run, `p` or `[` back, Escape leaves it. Not while typing in a control, not with a
// modifier (those belong to VS Code).
export type StepKey = 'next' | 'previous' | 'clear';

export function stepKeyOf(e: KeyboardEvent): StepKey | undefined {
  const target = e.target;
  if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return undefined;
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  if (e.key === 'n' || e.key === ']') return 'next';
  if (e.key === 'p' || e.key === '[') return 'previous';
  if (e.key === 'Escape') return 'clear';
  return undefined;
}
