/** `sysdesign.steps.refresh`: asks the language server for the shown design's steps again. */
import type { Command } from '../commands/command';
import type { StepsView } from './stepsView';

export const REFRESH_COMMAND = 'sysdesign.steps.refresh';

export function refreshCommand(steps: Pick<StepsView, 'source'>): Command {
  return {
    id: REFRESH_COMMAND,
    async execute() {
      await steps.source.refresh();
      if (steps.source.error) throw new Error(`the design steps could not be refreshed: ${steps.source.error}`);
    },
  };
}
