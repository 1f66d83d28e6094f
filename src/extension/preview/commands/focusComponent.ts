// `sysdesign.focusComponent [uri] [componentId]`: the preview beside the editor, showing one
// component with its neighbours, the connections among them, its figures and the dry runs
// that cross it (issue #17). From a code lens or the steps view (both give the id), or the
// palette (a picker over the design's components, the one under the cursor first).
import * as vscode from 'vscode';
import type { Command } from '../../commands/command';
import { COMMANDS } from '../../ids';
import { resolveDesign, type PreviewManager } from '../previewManager';

export function focusComponentCommand(manager: PreviewManager): Command {
  return {
    id: COMMANDS.focusComponent,
    async execute(resource?: unknown, component?: unknown) {
      const tree = treeComponent(resource);
      const uri = tree?.uri ?? (typeof resource === 'string' ? vscode.Uri.parse(resource) : resource);
      const preview = await manager.open(resolveDesign(manager, uri), { toSide: true });
      const id = tree?.id ?? (typeof component === 'string' ? component : await pickComponent(preview.componentIds()));
      if (id !== undefined) preview.focus(id);
    },
  };
}

async function pickComponent(ids: Promise<string[]>): Promise<string | undefined> {
  const items = await ids;
  if (items.length === 0) throw new Error('This design has no components to focus on yet (step 5).');
  return vscode.window.showQuickPick(items, { title: 'Focus on a Component', placeHolder: 'The component to show with its neighbours and figures' });
}

/** A component item of the steps view (its context menu passes the element): its design and id. */
function treeComponent(element: unknown): { uri: vscode.Uri; id: string } | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const { uri, item } = element as { uri?: unknown; item?: { kind?: unknown; key?: unknown } };
  // `component:<id>` under Design, `bottleneck:<id>` under Bottlenecks.
  const id = item?.kind === 'component' && typeof item.key === 'string' ? /^(?:component|bottleneck):(.+)$/s.exec(item.key)?.[1] : undefined;
  return typeof uri === 'string' && id !== undefined ? { uri: vscode.Uri.parse(uri), id } : undefined;
}
