/** The field-definition mini-language of data models: `uuid fk users.user_id`. */
import type { Field, Ident, Text } from '../types';

/**
 * `uuid pk`, `varchar(200) unique`, `uuid fk users.user_id`, `timestamp index`.
 * The first word is the type (parentheses included); then modifiers in any order.
 */
export function parseFieldDefinition(definition: Text | undefined): Pick<Field, 'type' | 'pk' | 'index' | 'unique' | 'fk'> {
  const out: Pick<Field, 'type' | 'pk' | 'index' | 'unique' | 'fk'> = { pk: false, index: false, unique: false };
  if (!definition) return out;
  const words: Ident[] = [];
  const text = definition.text;
  const re = /[^\s(]+(?:\([^)]*\))?|\([^)]*\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    words.push({ name: m[0], start: definition.start + m.index, end: definition.start + m.index + m[0].length });
  }
  if (words.length === 0) return out;
  out.type = { text: words[0].name, start: words[0].start, end: words[0].end };
  for (let i = 1; i < words.length; i++) {
    const w = words[i].name.toLowerCase();
    if (w === 'pk') out.pk = true;
    else if (w === 'index') out.index = true;
    else if (w === 'unique') out.unique = true;
    else if (w === 'fk' && i + 1 < words.length) {
      const target = words[++i];
      const dot = target.name.indexOf('.');
      out.fk =
        dot < 0
          ? { table: target }
          : {
              table: { name: target.name.slice(0, dot), start: target.start, end: target.start + dot },
              field: dot + 1 < target.name.length ? { name: target.name.slice(dot + 1), start: target.start + dot + 1, end: target.end } : undefined,
            };
    }
  }
  return out;
}
