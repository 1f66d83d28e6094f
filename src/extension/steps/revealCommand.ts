/**
 * `sysdesign.steps.reveal` (internal, hidden from the palette): what a click on a step
 * or an item runs. Shows the range in the design's editor and selects it (items) or
 * puts the cursor at its start (steps and folders).
 */
import * as vscode from 'vscode';
import type { Range } from '../../protocol';
import type { Command } from '../commands/command';
import { COMMANDS } from '../ids';
import type { RevealMode } from './stepsProvider';

/** What the command needs of the steps view (`StepsView`, which creates the command). */
interface Steps {
  revealInEditor(uri: string, range: vscode.Range, mode: RevealMode): Promise<void>;
}

export function revealCommand(steps: Steps): Command {
  return {
    id: COMMANDS.revealStepItem,
    async execute(uri: unknown, range: unknown, mode: unknown) {
      if (typeof uri !== 'string' || !isRange(range)) throw new Error('reveal needs a design URI and a range');
      const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      await steps.revealInEditor(uri, target, mode === 'cursor' ? 'cursor' : ('select' satisfies RevealMode));
    },
  };
}

function isRange(value: unknown): value is Range {
  const r = value as Range | undefined;
  return typeof r?.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}
