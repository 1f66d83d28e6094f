/**
 * YAML tree -> Design. Every id, reference, label and quantity keeps its exact span.
 * Tolerant by design: a field of the wrong shape is left out of the model (the schema
 * reports it), so a half-written design still yields a useful model for the editor.
 *
 * One job per file: `reader.ts` (the `Reader`: node -> model part), `cache.ts`
 * (`ModelCache`, `shiftSpans`: parts reused across analyses), `arrows.ts` (`parseArrow`),
 * `fields.ts` (`parseFieldDefinition`); this file walks the root's sections.
 */
import { isMap, isScalar } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { spanOf } from '../yaml';
import { SECTION_NAMES, type Design, type Section, type SectionName } from '../types';
import type { ModelCache } from './cache';
import { Reader } from './reader';

export { ModelCache, shiftSpans } from './cache';
export { MAX_LIST_ITEMS } from './reader';
export { parseArrow } from './arrows';
export { parseFieldDefinition } from './fields';

const SECTION_SET = new Set<string>(SECTION_NAMES);

export function emptyDesign(): Design {
  return { sections: [], apis: [], dataModels: [], components: [], groups: [], connections: [], flows: [], scenarios: [] };
}

/**
 * Reads the model from the document's root node. `text` is the analysed text. With a
 * `cache`, list items and named quantities read from unchanged nodes are reused.
 */
export function buildDesign(root: YamlNode | null, text: string, cache?: ModelCache): Design {
  const design = emptyDesign();
  cache?.nextGeneration();
  if (!isMap(root)) return design;
  const read = new Reader(text, cache);
  for (const pair of root.items as Pair<YamlNode, YamlNode | null>[]) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const key = spanOf(pair.key);
    if (SECTION_SET.has(name)) {
      const end = pair.value?.range ? pair.value.range[1] : key.end;
      design.sections.push({ name: name as SectionName, key, start: key.start, end: Math.max(end, key.end) } satisfies Section);
    }
    const value = pair.value;
    switch (name) {
      case 'sysdesign':
        if (isScalar(value) && typeof value.value === 'number') design.version = value.value;
        break;
      case 'name':
        design.name = read.text(value);
        break;
      case 'description':
        design.description = read.text(value);
        break;
      case 'requirements':
        design.requirements = read.requirements(value);
        break;
      case 'estimation':
        design.estimation = read.estimation(value);
        break;
      case 'apis':
        design.apis = read.list(value, 'api', (item) => read.api(item));
        break;
      case 'data_models':
        design.dataModels = read.list(value, 'data-model', (item) => read.dataModel(item));
        break;
      case 'components':
        design.components = read.list(value, 'component', (item) => read.component(item));
        break;
      case 'groups':
        design.groups = read.list(value, 'group', (item) => read.group(item));
        break;
      case 'connections':
        design.connections = read.list(value, 'connection', (item) => read.connection(item));
        break;
      case 'flows':
        design.flows = read.list(value, 'flow', (item) => read.flow(item));
        break;
      case 'scenarios':
        design.scenarios = read.list(value, 'scenario', (item) => read.scenario(item));
        break;
    }
  }
  return design;
}
