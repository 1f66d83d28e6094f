/**
 * The data model as a Mermaid ER diagram: an entity per data model with its fields,
 * and a relationship per foreign key (`users ||--o{ photos : "user_id"`).
 *
 * Entities get generated ids with the data-model id as their label (`e0["photos"]`),
 * so no id of the document meets Mermaid's grammar. Attribute types and names must be
 * Mermaid words: `erWord` keeps what it can and the comment string carries the
 * original (encoded) whenever a word had to change. `index` goes in the comment too.
 *
 * Cardinality comes from the child's keys: a foreign key that is the child's whole
 * primary key, or unique, points at one child row at most (`||--o|`); one that is part of
 * a composite primary key (a user's messages keyed by user and message, `follows` keyed
 * by follower and followee) or no key at all, at many (`||--o{`).
 *
 * An entity draws at most `MAX_ATTRIBUTES` fields, then one line saying how many more:
 * a box of thousands of rows is unreadable, and would only pass Mermaid's size limit to
 * be refused there.
 */
import type { DataModel, Design, Field } from '../types';
import { encodeLabel, erWord, firstLabel } from './encode';
import type { Diagram, DiagramNode } from './types';

/** Fields drawn per entity; the rest are counted on one line. */
export const MAX_ATTRIBUTES = 100;

export function erDiagram(design: Design): Diagram {
  const entities = new Map<string, { nodeId: string; model: DataModel }>();
  for (const model of design.dataModels) {
    if (!entities.has(model.id.name)) entities.set(model.id.name, { nodeId: `e${entities.size}`, model });
  }

  const lines = ['erDiagram'];
  if (design.name?.text) lines.push(`  accTitle: ${encodeLabel(design.name.text)} data model`);
  const nodes: DiagramNode[] = [];
  const relationships: string[] = [];
  for (const { nodeId, model } of entities.values()) {
    const label = `${nodeId}["${firstLabel(model.id.name)}"]`;
    nodes.push({ nodeId, kind: 'entity', id: model.id.name, start: model.start, end: model.end, idStart: model.id.start, idEnd: model.id.end });
    if (model.fields.length === 0) {
      lines.push(`  ${label}`);
    } else {
      const drawn = model.fields.slice(0, MAX_ATTRIBUTES).map((field) => `    ${attribute(field)}`);
      const more = model.fields.length - MAX_ATTRIBUTES;
      if (more > 0) drawn.push(`    more fields "${encodeLabel(`${more.toLocaleString('en-US')} not drawn`)}"`);
      lines.push(`  ${label} {`, ...drawn, '  }');
    }
    const primaryKeys = model.fields.filter((f) => f.pk).length;
    for (const field of model.fields) {
      const target = field.fk ? entities.get(field.fk.table.name) : undefined;
      if (!target) continue;
      const one = field.unique || (field.pk && primaryKeys === 1);
      relationships.push(`  ${target.nodeId} ||--${one ? 'o|' : 'o{'} ${nodeId} : "${firstLabel(field.name.name)}"`);
    }
  }
  lines.push(...relationships);
  return { text: lines.join('\n') + '\n', nodes };
}

function attribute(field: Field): string {
  const typeText = field.type?.text ?? '';
  const type = erWord(typeText);
  const name = erWord(field.name.name);
  const keys = [field.pk && 'PK', field.fk && 'FK', field.unique && 'UK'].filter((k): k is string => typeof k === 'string');
  const notes: string[] = [];
  if (name !== field.name.name) notes.push(field.name.name);
  if (type !== typeText && typeText !== '') notes.push(typeText);
  if (field.index) notes.push('index');
  const comment = encodeLabel(notes.join(' ')).trim();
  return [type, name, keys.join(', '), comment === '' ? '' : `"${comment}"`].filter((part) => part !== '').join(' ');
}
