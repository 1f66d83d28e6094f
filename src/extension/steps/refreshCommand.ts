/** `sysdesign.steps.refresh`: asks the language server for the shown design's steps again. */
import type { Command } from '../commands/command';
import { COMMANDS } from '../ids';
import type { DesignSource } from './designSource';

export function refreshCommand(steps: { readonly source: DesignSource }): Command {
  return {
    id: COMMANDS.refreshSteps,
    async execute() {
      await steps.source.refresh();
      if (steps.source.error) throw new Error(`the design steps could not be refreshed: ${steps.source.error}`);
    },
  };
}
