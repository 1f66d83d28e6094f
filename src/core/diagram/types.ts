/** What the diagram generators produce, shared by the preview, the CLI and the Markdown export. */

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
