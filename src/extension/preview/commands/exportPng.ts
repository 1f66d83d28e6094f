// `sysdesign.preview.exportPng [target.png] [{ theme: 'light' | 'dark' | 'current' }]`:
// the preview's current diagram as a PNG (drawn at twice its size); without a target the
// user picks one.
import type { Command } from '../../commands/command';
import { COMMANDS } from '../../ids';
import type { PreviewManager } from '../previewManager';

export function exportPngCommand(manager: PreviewManager): Command {
  return {
    id: COMMANDS.exportPng,
    execute: (target?: unknown, options?: unknown) => manager.export('png', { target, options }),
  };
}
