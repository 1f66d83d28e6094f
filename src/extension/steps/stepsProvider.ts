/**
 * The data provider of the Design Steps views: the five steps of the shown design, each
 * with its status icon, summary and tooltip, and under each its items. Elements are the
 * plain data of `stepsTree.ts`; every tree item gets a stable `id` (document + key), so a
 * refresh keeps the expansion state and the selection, and the view only hears about a
 * change when the summary changed.
 */
import * as vscode from 'vscode';
import type { StepItemSummary, StepSummary } from '../../protocol';
import { COMMANDS } from '../ids';
import type { DesignSource } from './designSource';
import { buildStepsTree, elementAt, type ItemElement, type StepElement, type StepsElement, type StepsTree } from './stepsTree';

export type RevealMode = 'select' | 'cursor';

export class StepsProvider implements vscode.TreeDataProvider<StepsElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StepsElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private shown: StepsTree | undefined;

  constructor(private readonly source: DesignSource) {
    this.subscription = source.onDidChange(() => this.update());
    this.update();
  }

  /** What the view shows now (undefined: nothing, so the welcome content shows). */
  get tree(): StepsTree | undefined {
    return this.shown;
  }

  getChildren(element?: StepsElement): StepsElement[] {
    // Copies: VS Code may keep the arrays it is given, the tree's own stay frozen.
    if (!element) return [...(this.shown?.roots ?? [])];
    return [...element.children];
  }

  getParent(element: StepsElement): StepsElement | undefined {
    return element.parent;
  }

  getTreeItem(element: StepsElement): vscode.TreeItem {
    return element.type === 'step' ? stepItem(element) : itemItem(element);
  }

  /** The element of the shown tree the cursor at `position` of `uri` is in. */
  elementAt(uri: vscode.Uri, position: vscode.Position): StepsElement | undefined {
    const tree = this.shown;
    if (!tree || tree.summary.uri !== uri.toString()) return undefined;
    return elementAt(tree, { line: position.line, character: position.character });
  }

  /** The element with this key in the shown tree. */
  element(key: string): StepsElement | undefined {
    return this.shown?.byKey.get(key);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private update(): void {
    const summary = this.source.summary;
    let next: StepsTree | undefined;
    if (summary) {
      // The source only reports a summary that says something new; same object: nothing to do.
      if (this.shown?.summary === summary) return;
      next = buildStepsTree(summary);
    } else if (this.source.document && !this.source.error) {
      // Switching designs: keep the last tree until the new summary arrives, no empty flash.
      return;
    }
    if (next === undefined && this.shown === undefined) return;
    this.shown = next;
    this.changed.fire(undefined);
  }
}

// ---------------------------------------------------------------------------
// Tree items
// ---------------------------------------------------------------------------

const STATUS_TEXT: Record<StepSummary['status'], string> = {
  missing: 'not started',
  incomplete: 'incomplete',
  problems: 'has problems',
  done: 'done',
};

function stepItem(element: StepElement): vscode.TreeItem {
  const { step } = element;
  const label = `${step.number}. ${step.title}`;
  const item = new vscode.TreeItem(label, element.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = treeItemId(element);
  const problems = problemText(step.errors, step.warnings);
  item.description = [step.description, problems].filter(Boolean).join(' · ');
  item.iconPath = statusIcon(step);
  item.tooltip = stepTooltip(step);
  item.contextValue = step.insertions.length > 0 ? 'step addable' : 'step';
  item.accessibilityInformation = { label: `${label}, ${STATUS_TEXT[step.status]}: ${item.description}` };
  const range = step.ranges[0];
  if (range) item.command = { title: 'Reveal in Editor', command: COMMANDS.revealStepItem, arguments: [element.uri, range, 'cursor' satisfies RevealMode] };
  return item;
}

function itemItem(element: ItemElement): vscode.TreeItem {
  const { item: summary } = element;
  const folder = summary.kind === 'folder';
  const state =
    element.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : summary.key === 'folder:flows'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(summary.label, state);
  item.id = treeItemId(element);
  const problems = problemText(summary.errors, summary.warnings);
  item.description = [summary.description, problems].filter(Boolean).join(' · ') || undefined;
  item.iconPath = summary.errors > 0 ? ERROR_ICON : summary.warnings > 0 ? WARNING_ICON : kindIcon(summary);
  item.tooltip = itemTooltip(summary);
  const step = stepOf(element);
  const addable = folder && step?.insertions.some((i) => i.folder === summary.key);
  item.contextValue = `${folder ? 'folder' : `item ${summary.kind}`}${addable ? ' addable' : ''}`;
  item.accessibilityInformation = { label: [summary.label, item.description].filter(Boolean).join(', ') };
  item.command = { title: 'Reveal in Editor', command: COMMANDS.revealStepItem, arguments: [element.uri, element.range, (folder ? 'cursor' : 'select') satisfies RevealMode] };
  return item;
}

/**
 * Stable across versions, so a refresh keeps expansion and selection. A leaf gets its own
 * id: VS Code remembers a leaf as collapsed, so a step that gets its first item would
 * stay closed instead of opening as a new one does.
 */
export function treeItemId(element: StepsElement): string {
  return `${element.uri}#${element.key}${element.children.length === 0 ? '#leaf' : ''}`;
}

function stepOf(element: StepsElement): StepSummary | undefined {
  let e: StepsElement | undefined = element;
  while (e && e.type !== 'step') e = e.parent;
  return e?.step;
}

const ERROR_ICON = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
const WARNING_ICON = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));

/** The icon of a step's status; exported for tests, which compare icon ids. */
export function statusIcon(step: Pick<StepSummary, 'status' | 'errors' | 'warnings'>): vscode.ThemeIcon {
  switch (step.status) {
    case 'missing':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
    case 'incomplete':
      return new vscode.ThemeIcon('issue-draft', new vscode.ThemeColor('charts.yellow'));
    case 'problems':
      return step.errors > 0 ? ERROR_ICON : WARNING_ICON;
    case 'done':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  }
}

const COMPONENT_ICONS: Record<string, string> = {
  client: 'device-mobile',
  dns: 'globe',
  cdn: 'cloud',
  'load-balancer': 'type-hierarchy',
  'api-gateway': 'symbol-interface',
  service: 'server-process',
  worker: 'gear',
  function: 'symbol-function',
  cache: 'zap',
  'sql-database': 'database',
  'nosql-database': 'database',
  'object-store': 'archive',
  queue: 'list-ordered',
  stream: 'pulse',
  search: 'search',
  external: 'link-external',
};

const OP_ICONS: Record<string, string> = { create: 'add', read: 'eye', update: 'edit', delete: 'trash', search: 'search', other: 'symbol-event' };

const FOLDER_ICONS: Record<string, string> = { 'folder:components': 'server', 'folder:connections': 'plug', 'folder:flows': 'debug-alt' };

function kindIcon(item: StepItemSummary): vscode.ThemeIcon {
  switch (item.kind) {
    case 'requirement':
      return new vscode.ThemeIcon(OP_ICONS[item.detail ?? ''] ?? 'symbol-event');
    case 'out-of-scope':
      return new vscode.ThemeIcon('circle-slash');
    case 'target':
      return new vscode.ThemeIcon(item.key.startsWith('target:latency') ? 'watch' : 'pulse');
    case 'traffic':
      return new vscode.ThemeIcon(item.detail === 'write' ? 'cloud-upload' : 'cloud-download');
    case 'api':
      return new vscode.ThemeIcon('symbol-method');
    case 'data-model':
      return new vscode.ThemeIcon('table');
    case 'component':
      return new vscode.ThemeIcon(COMPONENT_ICONS[item.detail ?? ''] ?? 'symbol-class');
    case 'connection':
      return new vscode.ThemeIcon('arrow-right');
    case 'flow':
      // A dry run with no problems passed its checks (connections, availability, latency).
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'folder':
      return new vscode.ThemeIcon(FOLDER_ICONS[item.key] ?? 'folder');
    default:
      return new vscode.ThemeIcon('circle-small-filled');
  }
}

function problemText(errors: number, warnings: number): string | undefined {
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function stepTooltip(step: StepSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(${statusIcon(step).id}) **${step.number}. ${escape(step.title)}** · ${STATUS_TEXT[step.status]}\n\n${escape(step.description)}\n\n`);
  if (step.missing.length > 0) md.appendMarkdown(`Still missing:\n${step.missing.map((m) => `- ${escape(m)}\n`).join('')}\n`);
  appendProblems(md, step.errors, step.warnings, step.messages);
  return md;
}

function itemTooltip(item: StepItemSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(item.label)}**\n\n`);
  if (item.description) md.appendMarkdown(`${escape(item.description)}\n\n`);
  appendProblems(md, item.errors, item.warnings, item.messages);
  return md;
}

function appendProblems(md: vscode.MarkdownString, errors: number, warnings: number, messages: readonly string[]): void {
  const total = problemText(errors, warnings);
  if (total) md.appendMarkdown(`Problems (${total}):\n${messages.map((m) => `- ${escape(m)}\n`).join('')}`);
}

/**
 * Text from the design as Markdown that says exactly that: every punctuation character
 * escaped (no links, HTML or `$(icon)` syntax), on one line. Unlike `appendText`, spaces
 * stay spaces, so long messages wrap in the hover.
 */
function escape(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
