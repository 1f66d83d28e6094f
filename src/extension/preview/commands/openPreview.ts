// `sysdesign.openPreview [uri] [{ view }]`: the diagram preview in the active editor group.
import type { Command } from '../../commands/command';
import { COMMANDS } from '../../ids';
import { resolveDesign, viewOption, type PreviewManager } from '../previewManager';

export function openPreviewCommand(manager: PreviewManager): Command {
  return {
    id: COMMANDS.openPreview,
    async execute(resource?: unknown, options?: unknown) {
      await manager.open(resolveDesign(manager, resource), { toSide: false, view: viewOption(options) });
    },
  };
}
