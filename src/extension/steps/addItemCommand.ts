/**
 * `sysdesign.steps.addItem`: adds an item to a step (the "+" on a step or a folder of the
 * Design Steps view, or from the palette with a pick of every step). The language server
 * says where the item goes and what it says (`StepInsertion`: after the list's last item,
 * under its empty key, or as a new section, in the document's indentation and line
 * breaks); this inserts it as one undoable snippet, focuses the editor on its first
 * placeholder and selects the new item in the view.
 */
import * as vscode from 'vscode';
import type { AnalysisSummary, StepInsertion, StepSummary } from '../../protocol';
import type { Command } from '../commands/command';
import { COMMANDS } from '../ids';
import type { DesignSource } from './designSource';
import type { StepsElement } from './stepsTree';

/** What the command needs of the steps view (`StepsView`, which creates the command). */
interface Steps {
  readonly source: DesignSource;
  revealAt(uri: vscode.Uri, position: vscode.Position): Promise<StepsElement | undefined>;
}

interface Choice {
  step: StepSummary;
  insertion: StepInsertion;
}

export function addItemCommand(steps: Steps): Command {
  return {
    id: COMMANDS.addStepItem,
    /** `target`: a view element (menus pass it); `kind`: which item to add when the step offers several. */
    async execute(target?: unknown, kind?: unknown) {
      const document = steps.source.document;
      if (!document) throw new Error('open a design (*.sysdesign.yaml) to add an item to one of its steps');
      const element = isElement(target) && target.uri === document.uri.toString() ? target : undefined;
      const summary = await upToDate(steps, document);
      const choice = await choose(candidates(summary, element, typeof kind === 'string' ? kind : undefined), element);
      if (!choice) return; // the pick was dismissed

      const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn });
      // The insert was computed for this version; a keystroke in between would shift it.
      if (document.version !== summary.version) throw new Error('the design changed while the item was being added: please try again');
      const position = document.validatePosition(new vscode.Position(choice.insertion.position.line, choice.insertion.position.character));
      const inserted = await editor.insertSnippet(new vscode.SnippetString(choice.insertion.snippet), position, {
        undoStopBefore: true,
        undoStopAfter: true,
        keepWhitespace: true,
      });
      if (!inserted) throw new Error(`the ${choice.insertion.label.toLowerCase()} could not be inserted`);
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await steps.source.refresh();
      await steps.revealAt(document.uri, editor.selection.active);
    },
  };
}

/** The summary for the document's current version (asking the server again when it lags). */
async function upToDate(steps: Steps, document: vscode.TextDocument): Promise<AnalysisSummary> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const summary = await steps.source.current();
    if (summary && summary.version === document.version) return summary;
    if (steps.source.error) throw new Error(`the language server did not answer: ${steps.source.error}`);
  }
  throw new Error('the language server has no up-to-date analysis of this design yet: please try again');
}

function candidates(summary: AnalysisSummary, element: StepsElement | undefined, kind: string | undefined): Choice[] {
  const all = summary.steps.flatMap((step) => step.insertions.map((insertion) => ({ step, insertion })));
  let choices = element ? all.filter((c) => c.step.key === element.stepKey) : all;
  if (element?.type === 'item') {
    const { item } = element;
    const narrowed = choices.filter((c) => (item.kind === 'folder' ? c.insertion.folder === item.key : c.insertion.kind === item.kind));
    if (narrowed.length > 0 || item.kind === 'folder') choices = narrowed;
  }
  if (kind !== undefined) choices = choices.filter((c) => c.insertion.kind === kind);
  if (choices.length === 0) {
    const step = element ? summary.steps.find((s) => s.key === element.stepKey) : undefined;
    const what = kind ?? (element?.type === 'item' ? element.item.label : step ? `${step.number}. ${step.title}` : 'this design');
    throw new Error(`there is no place to add to "${what}" automatically: its list is written in flow style (\`[...]\`) or as a single value. Add the item by hand.`);
  }
  return choices;
}

async function choose(choices: Choice[], element: StepsElement | undefined): Promise<Choice | undefined> {
  if (choices.length === 1) return choices[0];
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.insertion.label, description: `${choice.step.number}. ${choice.step.title}`, choice })),
    { title: 'Add to the Design', placeHolder: element ? 'What to add' : 'What to add, and to which step' },
  );
  return picked?.choice;
}

function isElement(value: unknown): value is StepsElement {
  const v = value as Partial<StepsElement> | undefined;
  return typeof v === 'object' && v !== null && (v.type === 'step' || v.type === 'item') && typeof v.key === 'string' && typeof v.uri === 'string';
}
