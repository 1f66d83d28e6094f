/**
 * The active scenario of each design (SPEC 5.3): a status bar item while a design with
 * scenarios is in the active editor, the *Select Scenario* command (a picker, or a
 * document and a scenario from a lens or the preview), and the choice remembered per
 * document in the workspace state and sent to the language server again when the
 * document is opened. After a change, the steps and the preview ask for their figures.
 */
import * as vscode from 'vscode';
import { ScenarioRequest, type ScenarioState } from '../../protocol';
import type { Command } from '../commands/command';
import type { DeferredLanguageClient } from '../deferredClient';
import { Disposable } from '../disposable';
import { COMMANDS, LANGUAGE_ID } from '../ids';

/** Workspace state: the scenario shown per document URI. */
const MEMENTO_KEY = 'sysdesign.activeScenarios';
/** Quiet time after an edit before the status bar asks for the scenarios again. */
const EDIT_DELAY_MS = 300;

export class ScenarioController extends Disposable {
  readonly commands: readonly Command[];
  private readonly item: vscode.StatusBarItem;
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The scenario shown for a document changed: its figures are new. */
  readonly onDidChange = this.changed.event;
  /** The last state the server gave per document URI. */
  private readonly states = new Map<string, ScenarioState>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The document whose scenario the status bar item shows (the last design in the active editor). */
  private shownFor: string | undefined;

  constructor(
    private readonly language: DeferredLanguageClient,
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('sysdesign.scenario', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'System Design Scenario';
    this.item.command = COMMANDS.selectScenario;
    this.commands = [{ id: COMMANDS.selectScenario, execute: (uri?: unknown, scenario?: unknown) => this.select(uri, scenario) }];
    this._register(vscode.window.onDidChangeActiveTextEditor(() => void this.update()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document || e.contentChanges.length === 0) return;
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), EDIT_DELAY_MS);
      }),
    );
    this._register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
    void this.update();
  }

  /** The scenario shown for `document`, as the server last said (undefined for the base). */
  active(document: vscode.Uri): string | undefined {
    return this.states.get(document.toString())?.active ?? undefined;
  }

  /**
   * `sysdesign.selectScenario`: with a document URI and a scenario id (or `null` for the
   * base) it shows that; without, it asks with a picker for the active editor's design.
   */
  private async select(uriArg: unknown, scenarioArg: unknown): Promise<void> {
    const document = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : vscode.window.activeTextEditor?.document.uri;
    if (!document || (typeof uriArg !== 'string' && vscode.window.activeTextEditor?.document.languageId !== LANGUAGE_ID)) {
      throw new Error('Open a System Design file (*.sysdesign.yaml) to choose a scenario.');
    }
    let scenario: string | null | undefined = typeof scenarioArg === 'string' || scenarioArg === null ? scenarioArg : undefined;
    if (scenario === undefined) {
      const state = await this.request(document, undefined);
      if (!state || state.scenarios.length === 0) throw new Error('This design has no scenarios: add `scenarios:` with `set` or `fail` to ask "what if".');
      const items: Array<vscode.QuickPickItem & { id: string | null }> = [
        { id: null, label: 'Base design', description: state.active === null ? '(shown)' : undefined, detail: 'The design as written' },
        ...state.scenarios.map((s) => ({ id: s.id, label: s.label ?? s.id, description: `${s.id}${state.active === s.id ? ' (shown)' : ''}`, detail: s.headline })),
      ];
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Select Scenario',
        placeHolder: 'The scenario whose figures the lenses, hovers, steps and preview show',
        matchOnDescription: true,
      });
      if (!picked) return;
      scenario = picked.id;
    }
    const state = await this.request(document, scenario);
    if (state && scenario !== null && state.active !== scenario) throw new Error(`This design has no scenario "${scenario}".`);
    await this.remember(document, scenario);
    this.changed.fire(document);
  }

  /** Refreshes the status bar for the active editor, and sends a remembered scenario the server does not show yet. */
  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    // Focus in a webview (the design's preview) leaves no active text editor: the item stays.
    if (!editor) return;
    if (editor.document.languageId !== LANGUAGE_ID) {
      this.shownFor = undefined;
      this.item.hide();
      return;
    }
    const document = editor.document.uri;
    this.shownFor = document.toString();
    let state = await this.request(document, undefined);
    const remembered = this.remembered(document);
    if (state && remembered !== undefined && state.active !== remembered && state.scenarios.some((s) => s.id === remembered)) {
      state = await this.request(document, remembered);
      this.changed.fire(document);
    }
    if (this.shownFor !== document.toString()) return;
    this.show(state);
  }

  private show(state: ScenarioState | null | undefined): void {
    if (!state || state.scenarios.length === 0) {
      this.item.hide();
      return;
    }
    const active = state.scenarios.find((s) => s.id === state.active);
    this.item.text = `$(beaker) ${active ? (active.label ?? active.id) : 'Base design'}`;
    this.item.tooltip = active
      ? `System Design: scenario "${active.id}" is shown (${active.headline}). Click to choose another.`
      : `System Design: the base design is shown; ${state.scenarios.length} scenario${state.scenarios.length === 1 ? '' : 's'} to choose from.`;
    this.item.accessibilityInformation = { label: `System Design scenario: ${active ? (active.label ?? active.id) : 'base design'}` };
    this.item.show();
  }

  /** Asks the server (and sets the scenario when `scenario` is given); undefined when it did not answer. */
  private async request(document: vscode.Uri, scenario: string | null | undefined): Promise<ScenarioState | null | undefined> {
    try {
      const client = await this.language.client;
      const uri = client.code2ProtocolConverter.asUri(document);
      const state = await this.language.sendRequest(ScenarioRequest, scenario === undefined ? { uri } : { uri, scenario });
      if (state) this.states.set(document.toString(), state);
      if (state && this.shownFor === document.toString()) this.show(state);
      return state;
    } catch {
      return undefined;
    }
  }

  private remembered(document: vscode.Uri): string | undefined {
    const all = this.memento.get<Record<string, string>>(MEMENTO_KEY, {});
    return Object.hasOwn(all, document.toString()) ? all[document.toString()] : undefined;
  }

  private async remember(document: vscode.Uri, scenario: string | null): Promise<void> {
    const all = { ...this.memento.get<Record<string, string>>(MEMENTO_KEY, {}) };
    if (scenario === null) delete all[document.toString()];
    else all[document.toString()] = scenario;
    await this.memento.update(MEMENTO_KEY, all);
  }
}
