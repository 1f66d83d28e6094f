/** What the diagram generators produce, shared by the preview, the CLI and the Markdown export. */
import type { Estimate } from '../types';

/**
 * One drawn thing and the definition it came from, so the preview can reveal the
 * definition on click and highlight the node whose definition holds the cursor.
 * `nodeId` is the generated Mermaid id (`n0`, `g0`, `p0`, `e0`), never document text.
 */
export interface DiagramNode {
  nodeId: string;
  kind: 'component' | 'group' | 'participant' | 'entity';
  /** The id as written in the document (a component, group or data-model id). */
  id: string;
  /** The whole definition (for "is the cursor on it"); for a participant whose component is not defined, its first mention. */
  start: number;
  end: number;
  /** The id where it is defined (for reveal and selection). */
  idStart: number;
  idEnd: number;
}

export interface Diagram {
  /** Mermaid source. Every piece of user text in it is encoded (see encode.ts). */
  text: string;
  nodes: DiagramNode[];
}

/** A diagram, or one sentence saying why there is none (shown instead of a blank panel). */
export type DiagramResult = Diagram | { error: string };

/** Which way a flowchart's ranks run: left to right or top down. */
export type FlowDirection = 'LR' | 'TB';

/** The panel a diagram is fitted into; only its shape counts. */
export interface PanelShape {
  width: number;
  height: number;
}

/** How the overview and a focus view are drawn. */
export interface FlowchartOptions {
  /** When absent, the direction whose drawing fits `panel` best (direction.ts). */
  direction?: FlowDirection;
  /** A square when absent. */
  panel?: PanelShape;
  /** For the load figures on the nodes. */
  estimate?: Estimate;
}

/** An edge as a view decided to draw it. */
export interface FlowEdge {
  /** Node ids of the ends. */
  from: string;
  to: string;
  /** Dashed. */
  async: boolean;
  /** Encoded; empty for none. */
  label: string;
}
