// The preview app: tabs for the architecture, each dry run, the data model and the
// estimate; the diagram with zoom and pan; stepping through a dry run; export. It holds
// no document text beyond what the extension sends, and sends back only the messages of
// `FromWebviewMessage`. This file routes the extension's messages and shows the current
// view; the tabs, the estimate table, the stepper, the render cache, export and keys are
// modules of their own, and what it knows of the document is one `PreviewDocument`.
// It is a little over 400 lines because the message switch and the view switch share
// that state; the next split is the theme handling (issue #17 reworks the views).
//
// Updates are cheap when nothing visible changed: every view keeps its last rendering
// with the key (theme + layout engine + Mermaid text) it was made from, and only a new key renders.
// Renders happen offscreen and are swapped in whole, so the picture never blanks and
// the zoom stays; a render superseded before it starts is skipped, and one that finishes
// after a newer one was asked for is kept in the cache but not shown.
import {
  layoutSetting,
  shownContext,
  type ExportFormat,
  type ExportTheme,
  type PreviewDiagrams,
  type PreviewInitialState,
  type PreviewLayoutSetting,
  type PreviewThemeSetting,
  type PreviewView,
  type ToWebviewMessage,
  type ViewTransform,
} from '../protocol';
import { setText, show } from './dom';
import { button, buildElements, type Elements } from './elements';
import { drawEstimates } from './estimateTable';
import { exportDiagram } from './exportDiagram';
import { applyComparison, CHANGES_VIEW, comparisonLegend, drawChanges, drawComparisonLine } from './comparison';
import { applyLoad, drawLegend } from './heatMap';
import { drawScenarios } from './scenarios';
import { stepKeyOf } from './keys';
import { chooseLayout, type LayoutEngine } from './layout';
import { PanZoom } from './panZoom';
import { previewDocument, type PreviewDocument } from './previewDocument';
import { parseSvg, renderingKey, type Rendering } from './renderCache';
import { Renderer } from './renderer';
import { Stepper } from './stepper';
import { applyStory, buildStory, drawStory, STORY_HIDDEN_ATTRIBUTE, type StoryElements } from './story';
import { NODE_ATTRIBUTE, nodeAt, setHighlight, setStep, svgSize, tagNodes } from './svgNodes';
import { drawTabs, ESTIMATES_VIEW, onTabsKey } from './tabs';
import { brightness, mermaidTheme, watchBodyClass, type Brightness } from './theme';

export { ESTIMATES_VIEW } from './tabs';

/** How long zoom and pan wait before they are persisted. */
const SAVE_DELAY_MS = 250;
/** How far the diagram area's shape (width / height) may change before the server is told (it may pick another direction). */
const PANEL_SHAPE_CHANGE = 0.15;

export class App {
  /** The document shown; replaced whole when the preview follows another one. */
  private doc: PreviewDocument;
  private themeSetting: PreviewThemeSetting;
  private layoutSetting: PreviewLayoutSetting;
  private ticket = 0;
  private latest: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastBrightness: Brightness;
  /** A view the extension asked for before the document had it (Changes, just before the comparison arrives). */
  private wantedView: string | undefined;
  /** What the preview asks the server to draw (issue #17): the overview's expanded groups, the component in focus, the panel's size. */
  private readonly expanded: Set<string>;
  private focus: string | undefined;
  private panel: { width: number; height: number } | undefined;
  /** The story's stage shown on the architecture (0-based), or undefined for the whole design. */
  private storyStage: number | undefined;
  private readonly story: StoryElements;
  private readonly stepper: Stepper;
  private readonly el: Elements;
  private readonly renderer: Renderer;
  private readonly panZoom: PanZoom;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
    initial: PreviewInitialState,
  ) {
    this.doc = previewDocument(initial.uri, initial.view ?? 'architecture', { ...(initial.transforms ?? {}) });
    this.themeSetting = initial.theme;
    this.layoutSetting = layoutSetting(initial.layout);
    this.stepper = new Stepper(
      {
        doc: () => this.doc,
        selectView: (view) => this.selectView(view),
        applyMarks: () => this.applyMarks(),
        stepSelected: (view, step) => this.api.postMessage({ type: 'selectStep', view, step }),
      },
      button,
    );
    this.expanded = new Set(initial.expanded ?? []);
    this.focus = initial.focus;
    this.story = buildStory(button, { move: (by) => this.moveStory(by), toggle: () => this.toggleStory() });
    this.el = buildElements(root, this.stepper.element, this.story.tools, {
      tabsKey: (tabs, e) => onTabsKey(tabs, e, (view) => this.selectView(view)),
      zoomTo100: () => this.panZoom.set({ ...this.panZoom.transform, scale: 1 }),
      zoomBy: (factor) => this.panZoom.zoomBy(factor),
      fit: () => this.panZoom.fit(),
      exportRequest: (format) => this.api.postMessage({ type: 'exportRequest', format }),
      clickNode: (nodeId) => this.onNodeClick(nodeId),
      focusNode: (nodeId) => this.focusNode(nodeId),
      viewportKey: (e) => this.onViewportKey(e),
      selectScenario: (scenario) => this.api.postMessage({ type: 'selectScenario', scenario }),
      stopComparing: () => this.api.postMessage({ type: 'stopComparing' }),
    });
    this.renderer = new Renderer(this.el.renderHost);
    this.panZoom = new PanZoom(
      this.el.viewport,
      this.el.stage,
      (t) => this.onTransform(t),
      () => this.fitBox(),
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
    new ResizeObserver(() => this.onResize()).observe(this.el.viewport);
    if (this.expanded.size > 0 || this.focus !== undefined) this.postViewOptions();
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
        if (message.version <= this.doc.version) return;
        this.doc.version = message.version;
        this.showBanner(`The YAML cannot be read, so the preview shows the last design that could. ${message.message}`);
        if (!this.doc.diagrams) this.showMessage('Nothing to show until the YAML can be read.');
        return;
      case 'unavailable':
        this.showBanner(message.message);
        if (!this.doc.diagrams) this.showMessage(message.message);
        return;
      case 'document':
        this.onDocument(message.uri);
        return;
      case 'highlight':
        this.doc.highlights.set(message.view, message.nodeId);
        if (message.view === this.doc.view) this.applyMarks();
        return;
      case 'showView':
        if (this.isView(message.view)) this.selectView(message.view);
        else this.wantedView = message.view;
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
    const doc = this.doc;
    // Another scenario shown, or another comparison, is news even for the same version of the document.
    if (diagrams.version < doc.version || (diagrams.version === doc.version && shownContext(diagrams) === shownContext(doc.diagrams))) return;
    doc.version = diagrams.version;
    doc.diagrams = diagrams;
    show(this.el.banner, false);
    // The focus shown is the server's (a command may have set it); a component gone takes its view with it.
    this.focus = diagrams.views.find((v) => v.kind === 'focus')?.key.slice('focus:'.length);
    if (diagrams.story === undefined || (this.storyStage ?? 0) >= diagrams.story.stages.length) this.storyStage = undefined;
    if (this.wantedView !== undefined && this.isView(this.wantedView)) {
      doc.view = this.wantedView;
      this.wantedView = undefined;
      this.saveState();
    }
    if (!this.isView(doc.view)) doc.view = 'architecture';
    this.updateTabs();
    doc.drawn.estimates = drawEstimates(this.el.estimates, diagrams.estimates, doc.drawn.estimates, diagrams.load, diagrams.cost);
    doc.drawn.changes = drawChanges(this.el.changes, diagrams.comparison, doc.drawn.changes);
    drawLegend(this.el.legend, diagrams.load, comparisonLegend(diagrams.comparison));
    drawScenarios(this.el, diagrams.scenarios);
    drawComparisonLine(this.el, diagrams.comparison);
    this.stepper.update();
    this.refresh();
  }

  private onDocument(uri: string): void {
    if (uri === this.doc.uri) return;
    this.doc = previewDocument(uri);
    // Another design: its own groups, focus and story (the extension starts it afresh too).
    this.expanded.clear();
    this.focus = undefined;
    this.storyStage = undefined;
    this.el.stage.replaceChildren();
    this.el.tabs.replaceChildren();
    drawLegend(this.el.legend, undefined);
    drawComparisonLine(this.el, undefined);
    this.showMessage('Loading the diagrams…');
    this.saveState();
  }

  // -------------------------------------------------------------------------
  // Showing the current view

  private currentView(): PreviewView | undefined {
    return this.doc.diagrams?.views.find((v) => v.key === this.doc.view);
  }

  /** Shows the current view, rendering only when its key changed. Safe to call often. */
  private refresh(): void {
    const ticket = ++this.ticket;
    this.latest = this.display(ticket).catch((error: unknown) => this.showMessage(`The preview failed: ${errorText(error)}`));
  }

  private async display(ticket: number): Promise<void> {
    const doc = this.doc;
    // The Estimates and Changes tabs are panels of text, not diagrams.
    const panel = doc.view === ESTIMATES_VIEW || doc.view === CHANGES_VIEW;
    show(this.el.estimates, doc.view === ESTIMATES_VIEW);
    show(this.el.changes, doc.view === CHANGES_VIEW);
    show(this.el.viewport, !panel);
    show(this.el.zoomTools, !panel);
    show(this.el.exportTools, !panel);
    show(this.el.legend, doc.view === 'architecture' && this.el.legend.childElementCount > 0);
    drawStory(this.story, doc.diagrams?.story, this.storyStage, doc.view === 'architecture');
    this.stepper.updateVisibility();
    if (panel) {
      this.markShown();
      return;
    }
    const view = this.currentView();
    if (!view) {
      this.showMessage(doc.diagrams ? 'This view is not in the design any more.' : 'Loading the diagrams…');
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
    const cached = doc.renderings.get(view.key);
    if (cached && cached.key === key) {
      if (doc.shown?.view !== view.key || doc.shown.key !== key) this.swapIn(view, cached);
      else this.applyMarks(); // the load may have changed without the diagram
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
    doc.renderings.remember(view.key, rendering, doc.view);
    if (ticket !== this.ticket) return; // a newer request came in while this one rendered
    this.swapIn(view, rendering);
    this.markShown();
  }

  private swapIn(view: PreviewView, rendering: Rendering): void {
    const doc = this.doc;
    const viewChanged = doc.shown?.view !== view.key;
    // One synchronous replace: the old picture stays until the new one is complete.
    this.el.stage.replaceChildren(rendering.svg);
    show(this.el.message, false);
    doc.shown = { view: view.key, key: rendering.key };
    this.el.viewport.setAttribute('aria-label', `${view.title}. Plus and minus zoom, 0 fits, arrow keys pan; Tab to a node and press Enter to reveal it in the editor.`);
    if (viewChanged) {
      const saved = doc.transforms[view.key];
      if (saved) this.panZoom.set(saved);
      else this.panZoom.fit();
    }
    this.applyMarks();
  }

  /** Records on the viewport what it shows (tests and automation wait on these attributes). */
  private markShown(): void {
    const data = this.el.viewport.dataset;
    data.view = this.doc.view;
    data.version = String(this.doc.version);
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
    this.doc.shown = undefined;
    setText(this.el.message, text);
    show(this.el.message, true);
  }

  private showBanner(text: string): void {
    setText(this.el.banner, text);
    show(this.el.banner, true);
  }

  private applyMarks(): void {
    const svg = this.shownSvg();
    const doc = this.doc;
    if (!svg || doc.shown?.view !== doc.view) return;
    if (doc.view === 'architecture') {
      applyLoad(svg, doc.diagrams?.load);
      applyComparison(svg, doc.diagrams?.comparison);
      applyStory(svg, doc.diagrams?.story, this.storyStage);
    }
    setHighlight(svg, doc.highlights.get(doc.view) ?? null);
    setStep(svg, this.stepper.mark());
  }

  // -------------------------------------------------------------------------
  // Views

  private updateTabs(): void {
    const changes = this.doc.diagrams?.comparison ? [{ key: CHANGES_VIEW, title: 'Changes' }] : [];
    drawTabs(this.el.tabs, this.doc.diagrams?.views ?? [], this.doc.view, this.doc.drawn.tabs, (view) => this.selectView(view), changes);
  }

  /** Whether the document has `view` now: a diagram, Estimates, or Changes while it is compared. */
  private isView(view: string): boolean {
    const diagrams = this.doc.diagrams;
    if (view === ESTIMATES_VIEW) return true;
    if (view === CHANGES_VIEW) return diagrams?.comparison !== undefined;
    return diagrams?.views.some((v) => v.key === view) ?? false;
  }

  private selectView(view: string): void {
    const doc = this.doc;
    if (!this.isView(view) || view === doc.view) return;
    this.wantedView = undefined;
    doc.view = view;
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
    const doc = this.doc;
    if (doc.shown?.view !== doc.view) return;
    doc.transforms[doc.view] = t;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveState(), SAVE_DELAY_MS);
  }

  private saveState(): void {
    this.api.setState({ uri: this.doc.uri, view: this.doc.view, transforms: this.doc.transforms, expanded: [...this.expanded], focus: this.focus });
  }

  // -------------------------------------------------------------------------
  // Overview, focus and story (issue #17)

  /** A click on a group of the overview expands or collapses it in place; on anything else it reveals the definition. */
  private onNodeClick(nodeId: string): void {
    const view = this.currentView();
    const node = view?.nodes.find((n) => n.nodeId === nodeId);
    if (view?.kind === 'overview' && node?.kind === 'group') {
      if (!this.expanded.delete(node.id)) this.expanded.add(node.id);
      this.postViewOptions();
      this.saveState();
      return;
    }
    this.reveal(nodeId);
  }

  /** Shows a component in focus: its neighbours and figures, in a view of its own the server draws. */
  private focusNode(nodeId: string): void {
    const node = this.currentView()?.nodes.find((n) => n.nodeId === nodeId);
    if (node?.kind !== 'component') return;
    const view = `focus:${node.id}`;
    if (this.focus === node.id && this.isView(view)) {
      this.selectView(view);
      return;
    }
    this.focus = node.id;
    this.wantedView = view;
    this.postViewOptions();
  }

  private postViewOptions(): void {
    this.api.postMessage({ type: 'viewOptions', expanded: [...this.expanded], focus: this.focus ?? null, ...(this.panel ? { panel: this.panel } : {}) });
  }

  /** The diagram area changed size: tell the server when its shape changed enough to draw another way. */
  private onResize(): void {
    const width = this.el.viewport.clientWidth;
    const height = this.el.viewport.clientHeight;
    if (width <= 0 || height <= 0) return;
    const ratio = width / height;
    const before = this.panel ? this.panel.width / this.panel.height : undefined;
    if (before !== undefined && Math.abs(ratio / before - 1) < PANEL_SHAPE_CHANGE) return;
    this.panel = { width, height };
    this.postViewOptions();
  }

  private toggleStory(): void {
    this.storyStage = this.storyStage === undefined && this.doc.diagrams?.story ? 0 : undefined;
    this.showStage();
  }

  private moveStory(by: number): void {
    const stages = this.doc.diagrams?.story?.stages.length ?? 0;
    if (this.storyStage === undefined || stages === 0) return;
    this.storyStage = Math.max(0, Math.min(stages - 1, this.storyStage + by));
    this.showStage();
  }

  /** Shows the story's stage and fits what it shows: the picture grows as the stages do. */
  private showStage(): void {
    this.refresh();
    void this.latest.then(() => {
      if (this.doc.view === 'architecture') this.panZoom.fit();
    });
  }

  /** What Fit shows: the whole diagram, or in story mode the nodes of the stages so far. */
  private fitBox(): { x: number; y: number; width: number; height: number } | undefined {
    const svg = this.shownSvg();
    if (!svg) return undefined;
    const { width, height } = svgSize(svg);
    const whole = { x: 0, y: 0, width, height };
    if (this.storyStage === undefined || this.doc.view !== 'architecture') return whole;
    // The union of the shown nodes' boxes, in the content's pixels at scale 1.
    const scale = this.panZoom.transform.scale;
    const origin = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll(`[${NODE_ATTRIBUTE}]:not([${STORY_HIDDEN_ATTRIBUTE}])`)].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
    if (boxes.length === 0) return whole;
    const left = Math.min(...boxes.map((r) => r.left));
    const top = Math.min(...boxes.map((r) => r.top));
    const right = Math.max(...boxes.map((r) => r.right));
    const bottom = Math.max(...boxes.map((r) => r.bottom));
    return { x: (left - origin.left) / scale, y: (top - origin.top) / scale, width: (right - left) / scale, height: (bottom - top) / scale };
  }

  // -------------------------------------------------------------------------
  // Export

  private async export(requestId: number, format: ExportFormat, theme: ExportTheme): Promise<void> {
    try {
      await this.idle();
      const view = this.currentView();
      if (this.doc.view === ESTIMATES_VIEW || this.doc.view === CHANGES_VIEW || !view)
        throw new Error('the estimates and the changes are not a diagram: choose a diagram tab to export');
      if (view.text === undefined) throw new Error(view.error ?? 'this view has no diagram');
      const data = await exportDiagram(this.renderer, {
        view: { ...view, text: view.text },
        cached: this.doc.renderings.get(view.key),
        layout: this.layoutOf(view),
        current: this.brightness(),
        theme,
        format,
      });
      this.api.postMessage({ type: 'exported', requestId, format, data });
    } catch (error) {
      this.api.postMessage({ type: 'exportFailed', requestId, message: errorText(error) });
    }
  }

  // -------------------------------------------------------------------------
  // Keys and the DOM

  private onDocumentKey(e: KeyboardEvent): void {
    if (this.stepper.hidden) return;
    const key = stepKeyOf(e);
    if (key === 'next') this.stepper.move(1);
    else if (key === 'previous') this.stepper.move(-1);
    else if (!(key === 'clear' && this.stepper.clear())) return;
    e.preventDefault();
  }

  private onViewportKey(e: KeyboardEvent): void {
    const nodeId = nodeAt(e.target);
    if (nodeId !== undefined && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      this.onNodeClick(nodeId);
      return;
    }
    if (nodeId !== undefined && e.key === 'f') {
      e.preventDefault();
      this.focusNode(nodeId);
      return;
    }
    if (this.panZoom.handleKey(e)) e.preventDefault();
  }

  private reveal(nodeId: string): void {
    const view = this.currentView();
    if (!view || !view.nodes.some((n) => n.nodeId === nodeId)) return;
    this.api.postMessage({ type: 'reveal', view: view.key, nodeId });
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
