// Stepping through a dry run: the flow picker, Prev/Next and the caption. The step is
// marked on the architecture (the hop between two components) and on the flow's own
// sequence diagram (the message), and selected in the editor by the extension.
import type { PreviewFlow } from '../protocol';
import { h, setText, show } from './dom';
import type { PreviewDocument } from './previewDocument';
import type { StepMark } from './svgNodes';

/** What the stepper needs of the app. */
export interface StepperHost {
  /** The document shown now (the app replaces it when it follows another one). */
  doc(): PreviewDocument;
  selectView(view: string): void;
  /** Redraws the highlight and the step mark on the shown diagram. */
  applyMarks(): void;
  /** Tells the extension which step to select in the editor. */
  stepSelected(view: string, step: number): void;
}

export class Stepper {
  /** The toolbar group. */
  readonly element: HTMLElement;
  private readonly flowSelect: HTMLSelectElement;
  private readonly caption: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(
    private readonly host: StepperHost,
    button: (label: string, text: string, onClick: () => void) => HTMLButtonElement,
  ) {
    this.flowSelect = h('select', { 'aria-label': 'Dry run to step through' });
    this.flowSelect.addEventListener('change', () => this.onFlowPicked());
    this.prev = button('Previous step (p)', '‹ Prev', () => this.move(-1));
    this.next = button('Next step (n)', 'Next ›', () => this.move(1));
    this.caption = h('span', { class: 'step-caption', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'group stepper', role: 'group', 'aria-label': 'Step through a dry run' },
      h('span', { class: 'label' }, 'Dry run'),
      this.flowSelect,
      this.prev,
      this.next,
      this.caption,
    );
  }

  get hidden(): boolean {
    return this.element.hidden;
  }

  /** The mark of the current step on the shown view, if it has one there. */
  mark(): StepMark | undefined {
    const { step, view } = this.host.doc();
    if (!step || step.index < 0) return undefined;
    const s = this.flow(step.flow)?.steps[step.index];
    if (!s) return undefined;
    if (view === 'architecture') return { kind: 'hop', from: s.fromNode, to: s.toNode };
    if (view === step.flow) return { kind: 'message', index: step.index };
    return undefined;
  }

  move(delta: number): void {
    const flow = this.stepperFlow();
    if (!flow || flow.steps.length === 0) return;
    const doc = this.host.doc();
    const current = doc.step?.flow === flow.key ? doc.step.index : -1;
    const index = Math.min(flow.steps.length - 1, Math.max(0, current + delta));
    doc.step = { flow: flow.key, index };
    this.updateCaption();
    this.host.applyMarks();
    this.host.stepSelected(flow.key, index);
  }

  /** Escape: no step is marked any more. Returns whether there was one. */
  clear(): boolean {
    if (!this.host.doc().step) return false;
    this.host.doc().step = undefined;
    this.updateCaption();
    this.host.applyMarks();
    return true;
  }

  /** New diagrams: the picker lists their flows; a step that is gone is dropped, one past the end is the last. */
  update(): void {
    const doc = this.host.doc();
    const flows = doc.diagrams?.flows ?? [];
    if (doc.step && !flows.some((f) => f.key === doc.step?.flow)) doc.step = undefined;
    const key = JSON.stringify(flows.map((f) => f.key));
    if (key !== doc.drawn.flows) {
      doc.drawn.flows = key;
      const selected = this.flowSelect.value;
      this.flowSelect.replaceChildren(...flows.map((f) => h('option', { value: f.key }, f.id)));
      if (flows.some((f) => f.key === selected)) this.flowSelect.value = selected;
    }
    if (doc.step) {
      const flow = this.flow(doc.step.flow);
      if (!flow || flow.steps.length === 0) doc.step = undefined;
      else if (doc.step.index >= flow.steps.length) doc.step.index = flow.steps.length - 1;
    }
    this.updateCaption();
  }

  /** Shown on the architecture and on a dry run, when the design has dry runs. */
  updateVisibility(): void {
    const { diagrams, view } = this.host.doc();
    const hasFlows = (diagrams?.flows.length ?? 0) > 0;
    const onDiagram = view === 'architecture' || view.startsWith('flow:');
    show(this.element, hasFlows && onDiagram);
    if (view.startsWith('flow:') && this.flowSelect.value !== view && this.flow(view)) this.flowSelect.value = view;
    this.updateCaption();
  }

  private onFlowPicked(): void {
    this.host.doc().step = undefined;
    if (this.host.doc().view.startsWith('flow:')) this.host.selectView(this.flowSelect.value);
    this.updateCaption();
    this.host.applyMarks();
  }

  private flow(key: string): PreviewFlow | undefined {
    return this.host.doc().diagrams?.flows.find((f) => f.key === key);
  }

  /** The flow the stepper works on: the shown dry run, else the one chosen in the picker. */
  private stepperFlow(): PreviewFlow | undefined {
    const flows = this.host.doc().diagrams?.flows ?? [];
    return flows.find((f) => f.key === this.host.doc().view) ?? flows.find((f) => f.key === this.flowSelect.value) ?? flows[0];
  }

  private updateCaption(): void {
    const flow = this.stepperFlow();
    if (!flow) {
      setText(this.caption, '');
      return;
    }
    const step = this.host.doc().step;
    const index = step?.flow === flow.key ? step.index : -1;
    const s = index >= 0 ? flow.steps[index] : undefined;
    setText(
      this.caption,
      s
        ? `Step ${index + 1} of ${flow.steps.length}: ${s.from} → ${s.to}${s.label ? `: ${s.label}` : ''}${s.wait ? ` (${s.to}: ${s.wait})` : ''}${flow.rate ? ` · ${flow.rate}` : ''}`
        : `${flow.steps.length} step${flow.steps.length === 1 ? '' : 's'}${flow.rate ? ` · ${flow.rate}` : ''}`,
    );
    this.prev.disabled = index <= 0;
    this.next.disabled = index >= flow.steps.length - 1;
  }
}
