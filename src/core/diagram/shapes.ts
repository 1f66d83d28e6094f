/**
 * How each component kind looks in the architecture flowchart. Only Mermaid's classic
 * shapes are used (not the newer `@{ shape: ... }` form), so the same text renders on
 * GitHub and in older Mermaid versions.
 */
import type { ComponentKind } from '../types';

/** A Mermaid node shape: the brackets around the quoted label. */
export interface Shape {
  /** Mermaid's name for it, for documentation and tests. */
  name: string;
  open: string;
  close: string;
}

const SHAPES = {
  rectangle: { name: 'rectangle', open: '[', close: ']' },
  rounded: { name: 'rounded rectangle', open: '(', close: ')' },
  stadium: { name: 'stadium', open: '([', close: '])' },
  subroutine: { name: 'subroutine', open: '[[', close: ']]' },
  cylinder: { name: 'cylinder', open: '[(', close: ')]' },
  circle: { name: 'circle', open: '((', close: '))' },
  doubleCircle: { name: 'double circle', open: '(((', close: ')))' },
  flag: { name: 'flag (asymmetric)', open: '>', close: ']' },
  rhombus: { name: 'rhombus', open: '{', close: '}' },
  hexagon: { name: 'hexagon', open: '{{', close: '}}' },
  leanRight: { name: 'parallelogram', open: '[/', close: '/]' },
  leanLeft: { name: 'parallelogram (left)', open: '[\\', close: '\\]' },
  trapezoid: { name: 'trapezoid', open: '[/', close: '\\]' },
  invTrapezoid: { name: 'inverted trapezoid', open: '[\\', close: '/]' },
} as const satisfies Record<string, Shape>;

/**
 * The colour family of a kind: one `classDef` each. Families rather than kinds keep the
 * picture calm; the shape already tells the kinds apart.
 */
export type KindFamily = 'client' | 'network' | 'compute' | 'storage' | 'messaging' | 'external';

export const KIND_LOOKS: Readonly<Record<ComponentKind, { shape: Shape; family: KindFamily }>> = {
  client: { shape: SHAPES.stadium, family: 'client' },
  dns: { shape: SHAPES.rhombus, family: 'network' },
  cdn: { shape: SHAPES.hexagon, family: 'network' },
  'load-balancer': { shape: SHAPES.trapezoid, family: 'network' },
  'api-gateway': { shape: SHAPES.invTrapezoid, family: 'network' },
  service: { shape: SHAPES.rectangle, family: 'compute' },
  worker: { shape: SHAPES.subroutine, family: 'compute' },
  function: { shape: SHAPES.rounded, family: 'compute' },
  cache: { shape: SHAPES.leanLeft, family: 'storage' },
  'sql-database': { shape: SHAPES.cylinder, family: 'storage' },
  'nosql-database': { shape: SHAPES.cylinder, family: 'storage' },
  'object-store': { shape: SHAPES.cylinder, family: 'storage' },
  queue: { shape: SHAPES.flag, family: 'messaging' },
  stream: { shape: SHAPES.leanRight, family: 'messaging' },
  search: { shape: SHAPES.circle, family: 'storage' },
  external: { shape: SHAPES.doubleCircle, family: 'external' },
};

/** A component without a (known) kind: a plain box, no colour. */
export const DEFAULT_SHAPE: Shape = SHAPES.rectangle;

/** A collapsed group (the overview): a box, told apart from a service by its class. */
export const GROUP_SHAPE: Shape = SHAPES.rectangle;

/**
 * Colours as translucent fills over the theme's own node colour, with a mid-tone
 * stroke: readable on light, dark and high-contrast backgrounds, and the text colour
 * stays the theme's. The webview may override these classes with CSS.
 */
export const FAMILY_STYLES: Readonly<Record<KindFamily, string>> = {
  client: 'fill:#3b82f61f,stroke:#3b82f6',
  network: 'fill:#14b8a61f,stroke:#14b8a6',
  compute: 'fill:#22c55e1f,stroke:#22c55e',
  storage: 'fill:#f59e0b1f,stroke:#f59e0b',
  messaging: 'fill:#a855f71f,stroke:#a855f7',
  external: 'fill:#9ca3af1f,stroke:#9ca3af,stroke-dasharray:5 3',
};

/** A collapsed group: dashed like a subgraph's frame, in a colour no kind family uses. */
export const GROUP_CLASS = 'sdGroup';
export const GROUP_STYLE = 'fill:#6366f11f,stroke:#6366f1,stroke-dasharray:5 3';

/** The component a focus view is about: its own colours, a heavier outline. */
export const FOCUS_CLASS = 'sdFocus';
export const FOCUS_STYLE = 'stroke-width:3px';

export const FAMILIES: readonly KindFamily[] = ['client', 'network', 'compute', 'storage', 'messaging', 'external'];

/** The Mermaid class of a family: prefixed so it cannot meet a CSS class of the page. */
export function familyClass(family: KindFamily): string {
  return `sd${family[0].toUpperCase()}${family.slice(1)}`;
}
