// Zoom and pan of the diagram: a CSS transform on the stage inside a clipping viewport.
// The transform belongs to the view, not to the SVG, so swapping in a new rendering of
// the same view keeps it. Wheel zooms around the pointer, a drag pans, and the keyboard
// does both: + / - / 0 (fit) and the arrow keys.
import type { ViewTransform } from '../protocol';

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
const ZOOM_STEP = 1.2;
const PAN_STEP = 60;
/** Pointer movement (px) that makes a press a drag rather than a click. */
const DRAG_THRESHOLD = 4;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export class PanZoom {
  private t: ViewTransform = { scale: 1, x: 0, y: 0 };
  private drag: { id: number; startX: number; startY: number; x: number; y: number; moved: boolean } | undefined;
  private suppressClick = false;
  private readonly disposers: Array<() => void> = [];

  constructor(
    private readonly viewport: HTMLElement,
    private readonly stage: HTMLElement,
    /** Called after every change (to persist it and update the zoom label). */
    private readonly onChange: (t: ViewTransform) => void,
    /** The size of what is shown, for "fit". */
    /** What Fit shows, in the content's pixels at scale 1: the whole diagram, or a part of it (story mode's stages so far). */
    private readonly contentBox: () => { x: number; y: number; width: number; height: number } | undefined,
  ) {
    this.listen(viewport, 'wheel', (e) => this.onWheel(e as WheelEvent), { passive: false });
    this.listen(viewport, 'pointerdown', (e) => this.onPointerDown(e as PointerEvent));
    // On the document: a fast drag leaves the viewport before it is captured.
    const doc = viewport.ownerDocument;
    this.listen(doc, 'pointermove', (e) => this.onPointerMove(e as PointerEvent));
    this.listen(doc, 'pointerup', (e) => this.onPointerUp(e as PointerEvent));
    this.listen(doc, 'pointercancel', (e) => this.onPointerUp(e as PointerEvent));
    // A drag ends with a click on whatever is under the pointer: swallow it.
    this.listen(
      viewport,
      'click',
      (e) => {
        if (this.suppressClick) {
          this.suppressClick = false;
          e.stopPropagation();
          e.preventDefault();
        }
      },
      { capture: true },
    );
  }

  get transform(): ViewTransform {
    return { ...this.t };
  }

  set(t: ViewTransform): void {
    this.t = { scale: clampScale(t.scale), x: t.x, y: t.y };
    this.stage.style.transform = `translate(${this.t.x}px, ${this.t.y}px) scale(${this.t.scale})`;
    this.onChange(this.transform);
  }

  /** Zooms by `factor` around a point of the viewport (its centre by default). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const rect = this.viewport.getBoundingClientRect();
    const cx = at?.x ?? rect.width / 2;
    const cy = at?.y ?? rect.height / 2;
    const scale = clampScale(this.t.scale * factor);
    const k = scale / this.t.scale;
    this.set({ scale, x: cx - (cx - this.t.x) * k, y: cy - (cy - this.t.y) * k });
  }

  panBy(dx: number, dy: number): void {
    this.set({ scale: this.t.scale, x: this.t.x + dx, y: this.t.y + dy });
  }

  /** The whole diagram in view (never enlarged past 100 %), centred. */
  fit(): void {
    const box = this.contentBox();
    const rect = this.viewport.getBoundingClientRect();
    if (!box || box.width <= 0 || box.height <= 0 || rect.width <= 0 || rect.height <= 0) {
      this.set({ scale: 1, x: 0, y: 0 });
      return;
    }
    const margin = 16;
    const scale = clampScale(Math.min(1, (rect.width - 2 * margin) / box.width, (rect.height - 2 * margin) / box.height));
    this.set({ scale, x: Math.max(margin, (rect.width - box.width * scale) / 2) - box.x * scale, y: Math.max(margin, (rect.height - box.height * scale) / 2) - box.y * scale });
  }

  /** Keyboard zoom and pan; true when the key was ours. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    switch (e.key) {
      case '+':
      case '=':
        this.zoomBy(ZOOM_STEP);
        return true;
      case '-':
      case '_':
        this.zoomBy(1 / ZOOM_STEP);
        return true;
      case '0':
        this.fit();
        return true;
      case 'ArrowLeft':
        this.panBy(PAN_STEP, 0);
        return true;
      case 'ArrowRight':
        this.panBy(-PAN_STEP, 0);
        return true;
      case 'ArrowUp':
        this.panBy(0, PAN_STEP);
        return true;
      case 'ArrowDown':
        this.panBy(0, -PAN_STEP);
        return true;
      default:
        return false;
    }
  }

  dispose(): void {
    for (const dispose of this.disposers) dispose();
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    // Pixel deltas from a wheel are ~100 a notch; a pinch (ctrl + wheel) gives small ones.
    const delta = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 33 : e.deltaY;
    this.zoomBy(Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.002)), { x: e.clientX - rect.left, y: e.clientY - rect.top });
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.suppressClick = false;
    this.drag = { id: e.pointerId, startX: e.clientX, startY: e.clientY, x: this.t.x, y: this.t.y, moved: false };
  }

  private onPointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.id !== e.pointerId) return;
    const dx = e.clientX - drag.startX;
    const dy = e.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      this.viewport.setPointerCapture(e.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.set({ scale: this.t.scale, x: drag.x + dx, y: drag.y + dy });
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.id !== e.pointerId) return;
    this.drag = undefined;
    if (drag.moved) {
      this.suppressClick = true;
      this.viewport.classList.remove('dragging');
      if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    }
  }

  private listen(target: EventTarget, type: string, listener: (e: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, listener, options);
    this.disposers.push(() => target.removeEventListener(type, listener, options));
  }
}
