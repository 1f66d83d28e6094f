// What the preview knows and shows of one document. The app holds one and replaces it
// whole when the preview follows another document, so nothing of the old one lingers.
import type { PreviewDiagrams, ViewTransform } from '../protocol';
import { RenderCache } from './renderCache';
import type { DrawnTabs } from './tabs';

export interface PreviewDocument {
  readonly uri: string;
  /** The view shown, by key. */
  view: string;
  /** Zoom and pan per view key (persisted with `setState`). */
  transforms: Record<string, ViewTransform>;
  diagrams: PreviewDiagrams | undefined;
  /** The newest document version accepted (update or stale); older ones are dropped. */
  version: number;
  readonly renderings: RenderCache;
  /** What the stage holds now. */
  shown: { view: string; key: string } | undefined;
  /** The highlighted node per view (`null`: none). */
  readonly highlights: Map<string, string | null>;
  /** The flow stepped through (its view key) and the current step, -1 before the first. */
  step: { flow: string; index: number } | undefined;
  /** What the tabs, the estimate table and the flow picker show, so an update that changes none of them does no DOM work. */
  readonly drawn: { tabs: DrawnTabs; estimates: string; flows: string; changes: string };
}

export function previewDocument(uri: string, view = 'architecture', transforms: Record<string, ViewTransform> = {}): PreviewDocument {
  return {
    uri,
    view,
    transforms,
    diagrams: undefined,
    version: -1,
    renderings: new RenderCache(),
    shown: undefined,
    highlights: new Map(),
    step: undefined,
    drawn: { tabs: { tabs: '', inView: '' }, estimates: '', flows: '', changes: '' },
  };
}
