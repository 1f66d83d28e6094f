// The preview's DOM, built once: the toolbar (tabs, the stepper's group, zoom, export),
// the banner, the viewport with its stage and message, the estimate panel and the
// offscreen host Mermaid renders into. Controls call back through `ElementActions`.
import type { ExportFormat } from '../protocol';
import { h } from './dom';
import { nodeAt } from './svgNodes';

export interface Elements {
  tabs: HTMLElement;
  zoomTools: HTMLElement;
  zoomLabel: HTMLButtonElement;
  exportTools: HTMLElement;
  banner: HTMLElement;
  /** The scenario picker (hidden for a design without scenarios) and the line that says what the shown scenario does. */
  scenarioTools: HTMLElement;
  scenario: HTMLSelectElement;
  scenarioLine: HTMLElement;
  /** While the design is compared with another version: what with and what changed, and a button to stop. */
  compareLine: HTMLElement;
  compareText: HTMLElement;
  viewport: HTMLElement;
  stage: HTMLElement;
  /** The heat map's legend, over the architecture. */
  legend: HTMLElement;
  message: HTMLElement;
  estimates: HTMLElement;
  /** The Changes tab's panel. */
  changes: HTMLElement;
  renderHost: HTMLElement;
}

export interface ElementActions {
  tabsKey(tabs: HTMLElement, e: KeyboardEvent): void;
  zoomTo100(): void;
  zoomBy(factor: number): void;
  fit(): void;
  exportRequest(format: ExportFormat): void;
  /** A click on a node of the diagram. */
  clickNode(nodeId: string): void;
  /** A double click on a node: show it in focus (issue #17). */
  focusNode(nodeId: string): void;
  viewportKey(e: KeyboardEvent): void;
  /** The scenario picker: a scenario id, or `null` for the base design. */
  selectScenario(scenario: string | null): void;
  stopComparing(): void;
}

/** Replaces the content of `root` with the preview; `stepper` and `story` are toolbar groups of their own. */
export function buildElements(root: HTMLElement, stepper: HTMLElement, story: HTMLElement, actions: ElementActions): Elements {
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Diagrams' });
  tabs.addEventListener('keydown', (e) => actions.tabsKey(tabs, e));

  const zoomLabel = button('Zoom to 100%', '100%', () => actions.zoomTo100(), { class: 'zoom-label' });
  const zoomTools = h(
    'div',
    { class: 'group zoom', role: 'group', 'aria-label': 'Zoom' },
    button('Zoom out (-)', '−', () => actions.zoomBy(1 / 1.2)),
    zoomLabel,
    button('Zoom in (+)', '+', () => actions.zoomBy(1.2)),
    button('Fit to window (0)', 'Fit', () => actions.fit()),
  );
  const exportTools = h(
    'div',
    { class: 'group export', role: 'group', 'aria-label': 'Export' },
    button('Export as SVG…', 'SVG', () => actions.exportRequest('svg')),
    button('Export as PNG…', 'PNG', () => actions.exportRequest('png')),
  );
  const scenario = h('select', { 'aria-label': 'Scenario', title: 'The scenario whose figures the preview shows' });
  scenario.addEventListener('change', () => actions.selectScenario(scenario.value === '' ? null : scenario.value));
  const scenarioTools = h('div', { class: 'group scenario', role: 'group', 'aria-label': 'Scenario' }, scenario);
  scenarioTools.hidden = true;
  const toolbar = h('div', { class: 'toolbar' }, tabs, h('div', { class: 'tools' }, scenarioTools, story, stepper, zoomTools, exportTools));
  const scenarioLine = h('div', { class: 'scenario-line', role: 'status' });
  scenarioLine.hidden = true;
  const compareText = h('span', { role: 'status' });
  const compareLine = h(
    'div',
    { class: 'compare-line' },
    compareText,
    button('Stop comparing', 'Stop comparing', () => actions.stopComparing(), { class: 'link' }),
  );
  compareLine.hidden = true;

  const banner = h('div', { class: 'banner', role: 'status' });
  banner.hidden = true;
  const stage = h('div', { class: 'stage' });
  const message = h('div', { class: 'message', role: 'status' });
  const legend = h('div', { class: 'legend', role: 'note', 'aria-label': 'Heat map legend' });
  legend.hidden = true;
  const viewport = h('div', { class: 'viewport', tabindex: 0, role: 'region', 'aria-label': 'Diagram' }, stage, message, legend);
  viewport.addEventListener('click', (e) => {
    const nodeId = nodeAt(e.target);
    if (nodeId !== undefined) actions.clickNode(nodeId);
  });
  viewport.addEventListener('dblclick', (e) => {
    const nodeId = nodeAt(e.target);
    if (nodeId !== undefined) actions.focusNode(nodeId);
  });
  viewport.addEventListener('keydown', (e) => actions.viewportKey(e));
  const estimates = h('div', { class: 'estimates', role: 'tabpanel', 'aria-label': 'Estimates' });
  estimates.hidden = true;
  const changes = h('div', { class: 'changes-panel', role: 'tabpanel', 'aria-label': 'Changes' });
  changes.hidden = true;
  const renderHost = h('div', { class: 'render-host', 'aria-hidden': 'true' });

  root.replaceChildren(toolbar, scenarioLine, compareLine, banner, viewport, estimates, changes, renderHost);
  return {
    tabs,
    zoomTools,
    zoomLabel,
    exportTools,
    banner,
    scenarioTools,
    scenario,
    scenarioLine,
    compareLine,
    compareText,
    viewport,
    stage,
    message,
    legend,
    estimates,
    changes,
    renderHost,
  };
}

export function button(label: string, text: string, onClick: () => void, extra: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', 'aria-label': label, title: label, ...extra }, text);
  b.addEventListener('click', onClick);
  return b;
}
