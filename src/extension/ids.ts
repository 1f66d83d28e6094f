/**
 * The language id and every command id the extension registers, in one module that
 * imports nothing: the command files, the views and the manifest tests all take them
 * from here, so no file has to import another one's implementation for a name.
 * package.json `contributes.commands` declares exactly `Object.values(COMMANDS)`.
 */

/** The id of `*.sysdesign.yaml` documents (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'sysdesign';

export const COMMANDS = {
  newFromTemplate: 'sysdesign.newFromTemplate',
  openExample: 'sysdesign.openExample',
  refreshSteps: 'sysdesign.steps.refresh',
  addStepItem: 'sysdesign.steps.addItem',
  /** Internal, hidden from the palette: what a click on a step or an item runs. */
  revealStepItem: 'sysdesign.steps.reveal',
  openPreview: 'sysdesign.openPreview',
  openPreviewToSide: 'sysdesign.openPreviewToSide',
  exportSvg: 'sysdesign.preview.exportSvg',
  exportPng: 'sysdesign.preview.exportPng',
  /** The preview's focus view of one component (args: a document URI and a component id, or none for a picker). */
  focusComponent: 'sysdesign.focusComponent',
  /** Chooses the scenario whose figures the lenses, hovers, steps and preview show (args: a document URI and a scenario id or null, or none for a picker). */
  selectScenario: 'sysdesign.selectScenario',
  /** Compares the design with another version: its last commit (the Git extension) or a file (args: a document URI and `git:HEAD` or a file URI, or none for a picker). */
  compareWith: 'sysdesign.compareWith',
  /** Stops comparing the design (arg: a document URI, or none for the active editor's). */
  stopComparing: 'sysdesign.stopComparing',
  /** Stops the language server if it runs and starts it again (after it was given up on for crashing, say). */
  restartServer: 'sysdesign.restartServer',
} as const;
