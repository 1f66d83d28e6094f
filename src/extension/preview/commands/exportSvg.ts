// `sysdesign.preview.exportSvg [target.svg] [{ theme: 'light' | 'dark' | 'current' }]`:
// the preview's current diagram as an SVG file; without a target the user picks one.
import type { Command } from '../../commands/command';
import { COMMANDS } from '../../ids';
import type { PreviewManager } from '../previewManager';

export function exportSvgCommand(manager: PreviewManager): Command {
  return {
    id: COMMANDS.exportSvg,
    execute: (target?: unknown, options?: unknown) => manager.export('svg', { target, options }),
  };
}
