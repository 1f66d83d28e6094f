/**
 * Completion: keys from the schema (with their docs), enum values (with theirs), ids
 * where an id is expected (after `->`, in `store:`, `members:`, `requirement:`, `from:`,
 * `to:`, latency targets) and names inside estimation expressions.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import type { SymbolKind, Span } from '../../core';
import type { Positions } from '../positions';
import { propertyDocs, schemaAt, type SchemaNode } from '../schema';
import { cursorContext, NAME_CHAR, wordAround, type CursorContext } from '../yamlContext';
import { detailOf } from './describe';
import type { DocumentAnalysis } from './types';

export interface CompletionOptions {
  /** The character that triggered completion, if any. */
  triggerCharacter?: string;
}

/** `path.key` (with `[]` for list items) -> the kinds of id expected there. */
const ID_VALUES: Record<string, readonly SymbolKind[]> = {
  'data_models.[].store': ['component'],
  'apis.[].requirement': ['requirement'],
  'flows.[].requirement': ['requirement'],
  'groups.[].members': ['component'],
  'connections.[].from': ['component'],
  'connections.[].to': ['component'],
  'flows.[].steps.[].from': ['component'],
  'flows.[].steps.[].to': ['component'],
  // A traffic line may take the id of the requirement or API it measures.
  'estimation.traffic.[].id': ['requirement', 'api'],
  'apis.[].id': ['requirement'],
};
/** Lists whose items are component ids or arrows between them. */
const ARROW_LISTS = new Set(['connections', 'flows.[].steps']);
const ID_LISTS: Record<string, readonly SymbolKind[]> = { 'groups.[].members': ['component'], 'scenarios.[].fail': ['component'] };

const SYMBOL_ITEM_KIND: Record<SymbolKind, CompletionItemKind> = {
  component: CompletionItemKind.Module,
  requirement: CompletionItemKind.Event,
  scenario: CompletionItemKind.Constant,
  group: CompletionItemKind.Folder,
  api: CompletionItemKind.Method,
  'data-model': CompletionItemKind.Struct,
  field: CompletionItemKind.Field,
  flow: CompletionItemKind.Function,
  traffic: CompletionItemKind.Event,
  value: CompletionItemKind.Variable,
};

export function completion(analysis: DocumentAnalysis, positions: Positions, offset: number, options: CompletionOptions = {}): CompletionItem[] {
  const context = cursorContext(analysis.text, offset);
  if (!context) return [];
  const replace = (span: Span, newText: string): TextEdit => ({ range: positions.range({ start: span.start, end: Math.max(span.end, offset) }), newText });
  switch (context.kind) {
    case 'key': {
      // A space while indenting is not a request for keys.
      if (options.triggerCharacter === ' ' || options.triggerCharacter === '>') return [];
      return keyItems(analysis, context, replace);
    }
    case 'value':
      return valueItems(analysis, context, offset, replace);
    case 'item':
      return itemItems(analysis, context, options, replace);
  }
}

type Replace = (span: Span, newText: string) => TextEdit;

/** Maps of targets keyed by a requirement or flow id, and what `default` sets in each. */
const TARGET_MAPS = new Map([
  ['requirements.non_functional.latency', 'latency target'],
  ['requirements.non_functional.availability', 'availability target'],
]);

function keyItems(analysis: DocumentAnalysis, context: Extract<CursorContext, { kind: 'key' }>, replace: Replace): CompletionItem[] {
  const joined = context.path.join('.');
  const targets = TARGET_MAPS.get(joined);
  if (targets) {
    const taken = new Set(context.siblings);
    const items = idItems(analysis, ['requirement', 'flow'], context.word, replace, (id) => `${id}: `).filter((i) => !taken.has(i.label));
    if (!taken.has('default'))
      items.push({ label: 'default', kind: CompletionItemKind.Keyword, detail: `${targets} for everything else`, textEdit: replace(context.word, 'default: ') });
    return items;
  }
  const node = schemaAt(context.path);
  if (!node) return [];
  return keysOf(node, new Set(context.siblings), context.word, replace);
}

function keysOf(node: SchemaNode, taken: Set<string>, word: Span, replace: Replace): CompletionItem[] {
  return propertyDocs(node)
    .filter((p) => !taken.has(p.name))
    .map((p, i) => {
      const container = p.schema.types.length > 0 && p.schema.types.every((t) => t === 'object' || t === 'array');
      const item: CompletionItem = {
        label: p.name,
        kind: CompletionItemKind.Property,
        detail: node.required.includes(p.name) ? 'required' : undefined,
        documentation: p.schema.documentation ? { kind: MarkupKind.Markdown, value: p.schema.documentation } : undefined,
        textEdit: replace(word, container ? `${p.name}:` : `${p.name}: `),
        sortText: `${node.required.includes(p.name) ? 0 : 1}${String(i).padStart(3, '0')}`,
      };
      // Offer the allowed values straight after `kind: ` and friends.
      if (p.schema.enum && !container) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      return item;
    });
}

function valueItems(analysis: DocumentAnalysis, context: Extract<CursorContext, { kind: 'value' }>, offset: number, replace: Replace): CompletionItem[] {
  const joined = [...context.path, context.key].join('.');
  const lead = context.needsSpace ? ' ' : '';
  const ids = ID_VALUES[joined];
  if (ids) {
    const exclude = joined === 'estimation.traffic.[].id' ? new Set(analysis.design.estimation?.traffic.map((t) => t.id.name)) : undefined;
    return idItems(analysis, ids, context.word, replace, (id) => lead + id).filter((i) => !exclude?.has(i.label));
  }
  const node = schemaAt([...context.path, context.key]);
  if (!node) return [];
  if (node.enum) {
    if (/[^\w-]/.test(context.before.trim())) return [];
    return node.enum.map((value, i) => ({
      label: String(value),
      kind: CompletionItemKind.EnumMember,
      documentation: node.enumDocs[i] ? { kind: MarkupKind.Markdown, value: node.enumDocs[i]! } : undefined,
      textEdit: replace(context.word, lead + String(value)),
      sortText: String(i).padStart(3, '0'),
    }));
  }
  if (node.types.length === 1 && node.types[0] === 'boolean') {
    return ['true', 'false'].map((b) => ({ label: b, kind: CompletionItemKind.Value, textEdit: replace(context.word, lead + b) }));
  }
  if (node.quantity && context.path[0] === 'estimation') return nameItems(analysis, context, offset, replace, lead);
  return [];
}

/** Names usable in an estimation expression: `values`, plus `users` and `dau` where defined. */
function nameItems(analysis: DocumentAnalysis, context: Extract<CursorContext, { kind: 'value' }>, offset: number, replace: Replace, lead: string): CompletionItem[] {
  const est = analysis.design.estimation;
  const word = wordAround(analysis.text, offset, NAME_CHAR);
  // A word starting with a digit is a number or a unit (`200KB`), not a name.
  if (/^\d/.test(analysis.text.slice(word.start, offset))) return [];
  const self = context.path.join('.') === 'estimation.values' ? context.key : undefined;
  const items: CompletionItem[] = [];
  for (const v of est?.values ?? []) {
    if (v.name.name === self) continue;
    const def = analysis.symbols.lookup(['value'], v.name.name);
    items.push({
      label: v.name.name,
      kind: CompletionItemKind.Variable,
      detail: def ? detailOf(analysis, def) : v.value.text,
      textEdit: replace(word, lead + v.name.name),
    });
  }
  if (est?.users) items.push({ label: 'users', kind: CompletionItemKind.Variable, detail: `total users = ${est.users.text}`, textEdit: replace(word, lead + 'users') });
  if (est?.dau) items.push({ label: 'dau', kind: CompletionItemKind.Variable, detail: `daily active users = ${est.dau.text}`, textEdit: replace(word, lead + 'dau') });
  return items;
}

function itemItems(analysis: DocumentAnalysis, context: Extract<CursorContext, { kind: 'item' }>, options: CompletionOptions, replace: Replace): CompletionItem[] {
  const joined = context.path.join('.');
  if (ARROW_LISTS.has(joined)) {
    const arrow = context.before.indexOf('->');
    if (arrow < 0) {
      if (/\s\S*$/.test(context.before.trim()) || options.triggerCharacter === '>') return [];
      return idItems(analysis, ['component'], context.word, replace, (id) => id);
    }
    // After `a -> ` and before any `:` label.
    if (context.before.indexOf(':', arrow) >= 0) return [];
    const from = context.before.slice(0, arrow).trim();
    const lead = context.before.endsWith('->') ? ' ' : '';
    return idItems(analysis, ['component'], context.word, replace, (id) => lead + id).map((item) => ({
      ...item,
      // Components already connected to `from` first.
      sortText: analysis.design.connections.some((c) => (c.from.name === from && c.to.name === item.label) || (c.to.name === from && c.from.name === item.label))
        ? `0${item.label}`
        : `1${item.label}`,
    }));
  }
  const idList = ID_LISTS[joined];
  if (idList) return idItems(analysis, idList, context.word, replace, (id) => id);
  if (options.triggerCharacter === ' ' && context.before.trim() !== '') return [];
  const node = schemaAt([...context.path, '[]']);
  if (!node || context.before.includes(':')) return [];
  return keysOf(node, new Set(), context.word, replace);
}

function idItems(analysis: DocumentAnalysis, kinds: readonly SymbolKind[], word: Span, replace: Replace, text: (id: string) => string): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const kind of kinds) {
    for (const def of analysis.symbols.definitions) {
      if (def.kind !== kind || seen.has(def.ident.name)) continue;
      seen.add(def.ident.name);
      items.push({
        label: def.ident.name,
        kind: SYMBOL_ITEM_KIND[kind],
        detail: detailOf(analysis, def),
        textEdit: replace(word, text(def.ident.name)),
        insertTextFormat: InsertTextFormat.PlainText,
      });
    }
  }
  return items;
}
