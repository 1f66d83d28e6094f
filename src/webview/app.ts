// The preview app: tabs for the architecture, each dry run, the data model and the
// estimate; the diagram with zoom and pan; stepping through a dry run; export. It holds
// no document text beyond what the extension sends, and sends back only the messages of
// `FromWebviewMessage`.
//
// Updates are cheap when nothing visible changed: every view keeps its last rendering
// with the key (theme + layout engine + Mermaid text) it was made from, and only a new key renders.
// Renders happen offscreen and are swapped in whole, so the picture never blanks and
// the zoom stays; a render superseded before it starts is skipped, and one that finishes
// after a newer one was asked for is kept in the cache but not shown.
import {
  layoutSetting,
  type ExportFormat,
  type ExportTheme,
  type PreviewDiagrams,
  type PreviewFlow,
  type PreviewInitialState,
  type PreviewLayoutSetting,
  type PreviewThemeSetting,
  type PreviewView,
  type ToWebviewMessage,
  type ViewTransform,
} from '../protocol';
import { h, setText, show } from './dom';
import { renderPng, serializeSvg } from './exporter';
import { chooseLayout, type LayoutEngine } from './layout';
import { PanZoom } from './panZoom';
import { Renderer } from './renderer';
import { nodeAt, setHighlight, setStep, svgSize, tagNodes, type StepMark } from './svgNodes';
import { brightness, exportBrightness, mermaidTheme, watchBodyClass, type Brightness } from './theme';

/** The tab of the estimate table (not a diagram). */
export const ESTIMATES_VIEW = 'estimates';
/** Renderings kept per panel (one per view); the oldest goes first. */
const CACHE_SIZE = 12;
/** How long zoom and pan wait before they are persisted. */
const SAVE_DELAY_MS = 250;

interface Rendering {
  /** Theme + layout engine + Mermaid text: the same key never renders twice. */
  key: string;
  svg: SVGSVGElement;
}

interface Elements {
  tabs: HTMLElement;
  stepper: HTMLElement;
  flowSelect: HTMLSelectElement;
  stepCaption: HTMLElement;
  prevStep: HTMLButtonElement;
  nextStep: HTMLButtonElement;
  zoomTools: HTMLElement;
  zoomLabel: HTMLButtonElement;
  exportTools: HTMLElement;
  banner: HTMLElement;
  viewport: HTMLElement;
  stage: HTMLElement;
  message: HTMLElement;
  estimates: HTMLElement;
  renderHost: HTMLElement;
}

export class App {
  private uri: string;
  private themeSetting: PreviewThemeSetting;
  private layoutSetting: PreviewLayoutSetting;
  private view: string;
  private transforms: Record<string, ViewTransform>;
  private diagrams: PreviewDiagrams | undefined;
  /** The newest document version accepted (update or stale); older ones are dropped. */
  private version = -1;
  private readonly cache = new Map<string, Rendering>();
  /** What the stage holds now. */
  private shown: { view: string; key: string } | undefined;
  private readonly highlights = new Map<string, string | null>();
  /** The flow stepped through (its view key) and the current step, -1 before the first. */
  private step: { flow: string; index: number } | undefined;
  private tabsKey = '';
  private tabInView = '';
  private estimatesKey = '';
  private flowsKey = '';
  private ticket = 0;
  private latest: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastBrightness: Brightness;
  private readonly el: Elements;
  private readonly renderer: Renderer;
  private readonly panZoom: PanZoom;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
    initial: PreviewInitialState,
  ) {
    this.uri = initial.uri;
    this.themeSetting = initial.theme;
    this.layoutSetting = layoutSetting(initial.layout);
    this.view = initial.view ?? 'architecture';
    this.transforms = { ...(initial.transforms ?? {}) };
    this.el = this.build();
    this.renderer = new Renderer(this.el.renderHost);
    this.panZoom = new PanZoom(
      this.el.viewport,
      this.el.stage,
      (t) => this.onTransform(t),
      () => (this.shownSvg() ? svgSize(this.shownSvg()!) : undefined),
    );
    this.lastBrightness = this.brightness();
    this.applyBrightness();
  }

  /** Starts listening and tells the extension the preview is ready for content. */
  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data as ToWebviewMessage));
    watchBodyClass(document.body, () => this.onThemeChange());
    document.addEventListener('keydown', (e) => this.onDocumentKey(e));
    this.showMessage('Loading the diagrams…');
    this.api.postMessage({ type: 'ready' });
  }

  /** Resolves when everything asked for so far is rendered and shown (exports wait for it). */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.latest;
      await current;
      await this.renderer.idle();
    } while (current !== this.latest);
  }

  // -------------------------------------------------------------------------
  // Messages from the extension

  private onMessage(message: ToWebviewMessage): void {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'update':
        this.onUpdate(message.diagrams);
        return;
      case 'stale':
        if (message.version <= this.version) return;
        this.version = message.version;
        this.showBanner(`The YAML cannot be read, so the preview shows the last design that could. ${message.message}`);
        if (!this.diagrams) this.showMessage('Nothing to show until the YAML can be read.');
        return;
      case 'unavailable':
        this.showBanner(message.message);
        if (!this.diagrams) this.showMessage(message.message);
        return;
      case 'document':
        this.onDocument(message.uri);
        return;
      case 'highlight':
        this.highlights.set(message.view, message.nodeId);
        if (message.view === this.view) this.applyMarks();
        return;
      case 'showView':
        this.selectView(message.view);
        return;
      case 'theme':
        this.themeSetting = message.theme;
        this.onThemeChange();
        return;
      case 'layout': {
        const layout = layoutSetting(message.layout);
        if (layout === this.layoutSetting) return;
        this.layoutSetting = layout;
        // Only a view whose engine changes gets a new key, so only that one renders again.
        this.refresh();
        return;
      }
      case 'export':
        void this.export(message.requestId, message.format, message.theme);
        return;
      default: {
        const unknown: never = message;
        void unknown;
      }
    }
  }

  private onUpdate(diagrams: PreviewDiagrams): void {
    if (diagrams.version <= this.version) return;
    this.version = diagrams.version;
    this.diagrams = diagrams;
    show(this.el.banner, false);
    if (this.view !== ESTIMATES_VIEW && !diagrams.views.some((v) => v.key === this.view)) this.view = 'architecture';
    if (this.step && !diagrams.flows.some((f) => f.key === this.step?.flow)) this.step = undefined;
    this.updateTabs();
    this.updateEstimates();
    this.updateStepper();
    this.refresh();
  }

  private onDocument(uri: string): void {
    if (uri === this.uri) return;
    this.uri = uri;
    this.diagrams = undefined;
    this.version = -1;
    this.cache.clear();
    this.shown = undefined;
    this.highlights.clear();
    this.step = undefined;
    this.transforms = {};
    this.view = 'architecture';
    this.tabsKey = this.estimatesKey = this.flowsKey = this.tabInView = '';
    this.el.stage.replaceChildren();
    this.el.tabs.replaceChildren();
    this.showMessage('Loading the diagrams…');
    this.saveState();
  }

  // -------------------------------------------------------------------------
  // Showing the current view

  private currentView(): PreviewView | undefined {
    return this.diagrams?.views.find((v) => v.key === this.view);
  }

  /** Shows the current view, rendering only when its key changed. Safe to call often. */
  private refresh(): void {
    const ticket = ++this.ticket;
    this.latest = this.display(ticket).catch((error: unknown) => this.showMessage(`The preview failed: ${errorText(error)}`));
  }

  private async display(ticket: number): Promise<void> {
    const estimates = this.view === ESTIMATES_VIEW;
    show(this.el.estimates, estimates);
    show(this.el.viewport, !estimates);
    show(this.el.zoomTools, !estimates);
    show(this.el.exportTools, !estimates);
    this.updateStepperVisibility();
    if (estimates) {
      this.markShown();
      return;
    }
    const view = this.currentView();
    if (!view) {
      this.showMessage(this.diagrams ? 'This view is not in the design any more.' : 'Loading the diagrams…');
      return;
    }
    if (view.text === undefined) {
      this.showMessage(view.error ?? 'Nothing to draw.');
      this.markShown();
      return;
    }
    const theme = mermaidTheme(this.brightness());
    const layout = this.layoutOf(view);
    const key = renderingKey(theme, layout, view.text);
    const cached = this.cache.get(view.key);
    if (cached && cached.key === key) {
      if (this.shown?.view !== view.key || this.shown.key !== key) this.swapIn(view, cached);
      this.markShown();
      return;
    }
    let result;
    try {
      result = await this.renderer.render(view.text, theme, layout, () => ticket === this.ticket);
    } catch (error) {
      if (ticket === this.ticket) this.showMessage(`Mermaid could not draw this diagram: ${errorText(error)}`);
      return;
    }
    if (!result) return; // superseded before it started
    const svg = parseSvg(result.svg);
    if (!svg) {
      if (ticket === this.ticket) this.showMessage('Mermaid returned no SVG.');
      return;
    }
    tagNodes(svg, view.nodes);
    const rendering = { key, svg };
    this.remember(view.key, rendering);
    if (ticket !== this.ticket) return; // a newer request came in while this one rendered
    this.swapIn(view, rendering);
    this.markShown();
  }

  private swapIn(view: PreviewView, rendering: Rendering): void {
    const viewChanged = this.shown?.view !== view.key;
    // One synchronous replace: the old picture stays until the new one is complete.
    this.el.stage.replaceChildren(rendering.svg);
    show(this.el.message, false);
    this.shown = { view: view.key, key: rendering.key };
    this.el.viewport.setAttribute('aria-label', `${view.title}. Plus and minus zoom, 0 fits, arrow keys pan; Tab to a node and press Enter to reveal it in the editor.`);
    if (viewChanged) {
      const saved = this.transforms[view.key];
      if (saved) this.panZoom.set(saved);
      else this.panZoom.fit();
    }
    this.applyMarks();
  }

  private remember(viewKey: string, rendering: Rendering): void {
    this.cache.delete(viewKey);
    this.cache.set(viewKey, rendering);
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined || oldest === this.view) break;
      this.cache.delete(oldest);
    }
  }

  /** Records on the viewport what it shows (tests and automation wait on these attributes). */
  private markShown(): void {
    const data = this.el.viewport.dataset;
    data.view = this.view;
    data.version = String(this.version);
    data.renders = String(this.renderer.renders);
    const view = this.currentView();
    if (view?.text !== undefined) data.layout = this.layoutOf(view);
    else delete data.layout;
  }

  /** The layout engine of a view now (its size and the setting). */
  private layoutOf(view: PreviewView): LayoutEngine {
    return chooseLayout(this.layoutSetting, view.kind, view.nodes.length);
  }

  private shownSvg(): SVGSVGElement | undefined {
    const svg = this.el.stage.firstElementChild;
    return svg instanceof SVGSVGElement ? svg : undefined;
  }

  private showMessage(text: string): void {
    this.el.stage.replaceChildren();
    this.shown = undefined;
    setText(this.el.message, text);
    show(this.el.message, true);
  }

  private showBanner(text: string): void {
    setText(this.el.banner, text);
    show(this.el.banner, true);
  }

  // -------------------------------------------------------------------------
  // Highlight and dry-run steps

  private applyMarks(): void {
    const svg = this.shownSvg();
    if (!svg || this.shown?.view !== this.view) return;
    setHighlight(svg, this.highlights.get(this.view) ?? null);
    setStep(svg, this.stepMark());
  }

  private stepMark(): StepMark | undefined {
    const step = this.step;
    if (!step || step.index < 0) return undefined;
    const flow = this.flow(step.flow);
    const s = flow?.steps[step.index];
    if (!s) return undefined;
    if (this.view === 'architecture') return { kind: 'hop', from: s.fromNode, to: s.toNode };
    if (this.view === step.flow) return { kind: 'message', index: step.index };
    return undefined;
  }

  private flow(key: string): PreviewFlow | undefined {
    return this.diagrams?.flows.find((f) => f.key === key);
  }

  /** The flow the stepper works on: the shown dry run, else the one chosen in the picker. */
  private stepperFlow(): PreviewFlow | undefined {
    const flows = this.diagrams?.flows ?? [];
    return flows.find((f) => f.key === this.view) ?? flows.find((f) => f.key === this.el.flowSelect.value) ?? flows[0];
  }

  private moveStep(delta: number): void {
    const flow = this.stepperFlow();
    if (!flow || flow.steps.length === 0) return;
    const current = this.step?.flow === flow.key ? this.step.index : -1;
    const index = Math.min(flow.steps.length - 1, Math.max(0, current + delta));
    this.step = { flow: flow.key, index };
    this.updateStepCaption();
    this.applyMarks();
    this.api.postMessage({ type: 'selectStep', view: flow.key, step: index });
  }

  private clearStep(): void {
    this.step = undefined;
    this.updateStepCaption();
    this.applyMarks();
  }

  private updateStepper(): void {
    const flows = this.diagrams?.flows ?? [];
    const key = JSON.stringify(flows.map((f) => f.key));
    if (key !== this.flowsKey) {
      this.flowsKey = key;
      const selected = this.el.flowSelect.value;
      this.el.flowSelect.replaceChildren(...flows.map((f) => h('option', { value: f.key }, f.id)));
      if (flows.some((f) => f.key === selected)) this.el.flowSelect.value = selected;
    }
    if (this.step) {
      const flow = this.flow(this.step.flow);
      if (!flow || flow.steps.length === 0) this.step = undefined;
      else if (this.step.index >= flow.steps.length) this.step.index = flow.steps.length - 1;
    }
    this.updateStepCaption();
  }

  private updateStepperVisibility(): void {
    const hasFlows = (this.diagrams?.flows.length ?? 0) > 0;
    const onDiagram = this.view === 'architecture' || this.view.startsWith('flow:');
    show(this.el.stepper, hasFlows && onDiagram);
    if (this.view.startsWith('flow:') && this.el.flowSelect.value !== this.view && this.flow(this.view)) this.el.flowSelect.value = this.view;
    this.updateStepCaption();
  }

  private updateStepCaption(): void {
    const flow = this.stepperFlow();
    if (!flow) {
      setText(this.el.stepCaption, '');
      return;
    }
    const index = this.step?.flow === flow.key ? this.step.index : -1;
    const s = index >= 0 ? flow.steps[index] : undefined;
    setText(
      this.el.stepCaption,
      s ? `Step ${index + 1} of ${flow.steps.length}: ${s.from} → ${s.to}${s.label ? `: ${s.label}` : ''}` : `${flow.steps.length} step${flow.steps.length === 1 ? '' : 's'}`,
    );
    this.el.prevStep.disabled = index <= 0;
    this.el.nextStep.disabled = index >= flow.steps.length - 1;
  }

  // -------------------------------------------------------------------------
  // Tabs and the estimate table

  private updateTabs(): void {
    const views = this.diagrams?.views ?? [];
    const tabs = [...views.map((v) => ({ key: v.key, title: v.title })), { key: ESTIMATES_VIEW, title: 'Estimates' }];
    const key = JSON.stringify(tabs);
    if (key !== this.tabsKey) {
      this.tabsKey = key;
      this.el.tabs.replaceChildren(
        ...tabs.map((tab) => {
          const button = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${tabs.indexOf(tab)}`, 'data-view': tab.key }, tab.title);
          button.addEventListener('click', () => this.selectView(tab.key));
          return button;
        }),
      );
    }
    for (const button of this.el.tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = button.dataset.view === this.view;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    if (this.view !== this.tabInView) {
      this.tabInView = this.view;
      this.el.tabs.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private updateEstimates(): void {
    const sections = this.diagrams?.estimates ?? [];
    const key = JSON.stringify(sections);
    if (key === this.estimatesKey) return;
    this.estimatesKey = key;
    this.el.estimates.replaceChildren(
      ...sections.map((section) =>
        h(
          'table',
          { class: 'estimate' },
          h('caption', {}, section.title),
          h('tbody', {}, ...section.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', {}, row.value)))),
        ),
      ),
    );
    if (sections.length === 0) this.el.estimates.append(h('p', {}, 'No estimate yet: add an estimation section (step 2).'));
  }

  private selectView(view: string): void {
    const exists = view === ESTIMATES_VIEW || (this.diagrams?.views.some((v) => v.key === view) ?? false);
    if (!exists || view === this.view) return;
    this.view = view;
    this.updateTabs();
    this.saveState();
    this.api.postMessage({ type: 'viewChanged', view });
    this.refresh();
  }

  // -------------------------------------------------------------------------
  // Theme, zoom, state

  private brightness(): Brightness {
    return brightness(this.themeSetting, document.body);
  }

  private applyBrightness(): void {
    this.root.dataset.brightness = this.lastBrightness;
    if (this.themeSetting === 'auto') delete this.root.dataset.forced;
    else this.root.dataset.forced = 'true';
  }

  private onThemeChange(): void {
    const now = this.brightness();
    const changed = now !== this.lastBrightness;
    this.lastBrightness = now;
    this.applyBrightness();
    if (changed) this.refresh();
  }

  private onTransform(t: ViewTransform): void {
    setText(this.el.zoomLabel, `${Math.round(t.scale * 100)}%`);
    if (this.shown?.view !== this.view) return;
    this.transforms[this.view] = t;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveState(), SAVE_DELAY_MS);
  }

  private saveState(): void {
    this.api.setState({ uri: this.uri, view: this.view, transforms: this.transforms });
  }

  // -------------------------------------------------------------------------
  // Export

  private async export(requestId: number, format: ExportFormat, theme: ExportTheme): Promise<void> {
    try {
      await this.idle();
      const view = this.currentView();
      if (this.view === ESTIMATES_VIEW || !view) throw new Error('the estimate table is not a diagram: choose a diagram tab to export');
      if (view.text === undefined) throw new Error(view.error ?? 'this view has no diagram');
      const current = this.brightness();
      const wanted = exportBrightness(theme, current);
      const cached = this.cache.get(view.key);
      const layout = this.layoutOf(view);
      let svg: SVGSVGElement | undefined;
      if (wanted === current && cached && cached.key === renderingKey(mermaidTheme(current), layout, view.text)) {
        svg = cached.svg;
      } else {
        const result = await this.renderer.render(view.text, mermaidTheme(wanted), layout);
        svg = result ? parseSvg(result.svg) : undefined;
      }
      if (!svg) throw new Error('Mermaid returned no SVG');
      const text = serializeSvg(svg, wanted);
      const data = format === 'svg' ? text : await renderPng(text, svgSize(svg), wanted);
      this.api.postMessage({ type: 'exported', requestId, format, data });
    } catch (error) {
      this.api.postMessage({ type: 'exportFailed', requestId, message: errorText(error) });
    }
  }

  // -------------------------------------------------------------------------
  // Keys and the DOM

  private onDocumentKey(e: KeyboardEvent): void {
    const target = e.target;
    if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (this.el.stepper.hidden) return;
    if (e.key === 'n' || e.key === ']') this.moveStep(1);
    else if (e.key === 'p' || e.key === '[') this.moveStep(-1);
    else if (e.key === 'Escape' && this.step) this.clearStep();
    else return;
    e.preventDefault();
  }

  private onViewportKey(e: KeyboardEvent): void {
    const nodeId = nodeAt(e.target);
    if (nodeId !== undefined && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      this.reveal(nodeId);
      return;
    }
    if (this.panZoom.handleKey(e)) e.preventDefault();
  }

  private reveal(nodeId: string): void {
    const view = this.currentView();
    if (!view || !view.nodes.some((n) => n.nodeId === nodeId)) return;
    this.api.postMessage({ type: 'reveal', view: view.key, nodeId });
  }

  private onTabsKey(e: KeyboardEvent): void {
    const tabs = [...this.el.tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next: number;
    if (e.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    tabs[next].focus();
    const view = tabs[next].dataset.view;
    if (view) this.selectView(view);
  }

  private build(): Elements {
    const button = (label: string, text: string, onClick: () => void, extra: Record<string, string> = {}) => {
      const b = h('button', { type: 'button', 'aria-label': label, title: label, ...extra }, text);
      b.addEventListener('click', onClick);
      return b;
    };
    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Diagrams' });
    tabs.addEventListener('keydown', (e) => this.onTabsKey(e));

    const flowSelect = h('select', { 'aria-label': 'Dry run to step through' });
    flowSelect.addEventListener('change', () => {
      this.step = undefined;
      if (this.view.startsWith('flow:')) this.selectView(flowSelect.value);
      this.updateStepCaption();
      this.applyMarks();
    });
    const prevStep = button('Previous step (p)', '‹ Prev', () => this.moveStep(-1));
    const nextStep = button('Next step (n)', 'Next ›', () => this.moveStep(1));
    const stepCaption = h('span', { class: 'step-caption', 'aria-live': 'polite' });
    const stepper = h('div', { class: 'group stepper', role: 'group', 'aria-label': 'Step through a dry run' }, h('span', { class: 'label' }, 'Dry run'), flowSelect, prevStep, nextStep, stepCaption);

    const zoomLabel = button('Zoom to 100%', '100%', () => this.panZoom.set({ ...this.panZoom.transform, scale: 1 }), { class: 'zoom-label' });
    const zoomTools = h(
      'div',
      { class: 'group zoom', role: 'group', 'aria-label': 'Zoom' },
      button('Zoom out (-)', '−', () => this.panZoom.zoomBy(1 / 1.2)),
      zoomLabel,
      button('Zoom in (+)', '+', () => this.panZoom.zoomBy(1.2)),
      button('Fit to window (0)', 'Fit', () => this.panZoom.fit()),
    );
    const exportTools = h(
      'div',
      { class: 'group export', role: 'group', 'aria-label': 'Export' },
      button('Export as SVG…', 'SVG', () => this.api.postMessage({ type: 'exportRequest', format: 'svg' })),
      button('Export as PNG…', 'PNG', () => this.api.postMessage({ type: 'exportRequest', format: 'png' })),
    );
    const toolbar = h('div', { class: 'toolbar' }, tabs, h('div', { class: 'tools' }, stepper, zoomTools, exportTools));

    const banner = h('div', { class: 'banner', role: 'status' });
    banner.hidden = true;
    const stage = h('div', { class: 'stage' });
    const message = h('div', { class: 'message', role: 'status' });
    const viewport = h('div', { class: 'viewport', tabindex: 0, role: 'region', 'aria-label': 'Diagram' }, stage, message);
    viewport.addEventListener('click', (e) => {
      const nodeId = nodeAt(e.target);
      if (nodeId !== undefined) this.reveal(nodeId);
    });
    viewport.addEventListener('keydown', (e) => this.onViewportKey(e));
    const estimates = h('div', { class: 'estimates', role: 'tabpanel', 'aria-label': 'Estimates' });
    estimates.hidden = true;
    const renderHost = h('div', { class: 'render-host', 'aria-hidden': 'true' });

    this.root.replaceChildren(toolbar, banner, viewport, estimates, renderHost);
    return { tabs, stepper, flowSelect, stepCaption, prevStep, nextStep, zoomTools, zoomLabel, exportTools, banner, viewport, stage, message, estimates, renderHost };
  }
}

function renderingKey(theme: string, layout: LayoutEngine, text: string): string {
  return `${theme}\n${layout}\n${text}`;
}

/** Mermaid's SVG markup as an element, parsed inertly (a template runs nothing). */
function parseSvg(markup: string): SVGSVGElement | undefined {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const svg = template.content.firstElementChild;
  return svg instanceof SVGSVGElement ? svg : undefined;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
