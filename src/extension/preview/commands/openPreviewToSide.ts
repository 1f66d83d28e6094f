// `sysdesign.openPreviewToSide [uri] [{ view }]`: the diagram preview beside the editor,
// which keeps the focus.
import type { Command } from '../../commands/command';
import { COMMANDS } from '../../ids';
import { resolveDesign, viewOption, type PreviewManager } from '../previewManager';

export function openPreviewToSideCommand(manager: PreviewManager): Command {
  return {
    id: COMMANDS.openPreviewToSide,
    async execute(resource?: unknown, options?: unknown) {
      await manager.open(resolveDesign(manager, resource), { toSide: true, view: viewOption(options) });
    },
  };
}
