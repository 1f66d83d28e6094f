// The preview's commands, for the composition root.
import type { Command } from '../../commands/command';
import type { PreviewManager } from '../previewManager';
import { exportPngCommand } from './exportPng';
import { exportSvgCommand } from './exportSvg';
import { focusComponentCommand } from './focusComponent';
import { openPreviewCommand } from './openPreview';
import { openPreviewToSideCommand } from './openPreviewToSide';

export function previewCommands(manager: PreviewManager): Command[] {
  return [openPreviewCommand(manager), openPreviewToSideCommand(manager), exportSvgCommand(manager), exportPngCommand(manager), focusComponentCommand(manager)];
}
