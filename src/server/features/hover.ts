/**
 * Hover: an id says what it is; a quantity shows its computed value (human form and
 * base units), its dimension and how each `B` was read; a key shows its schema docs;
 * an enum value its meaning.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { EvaluatedQuantity, Sourced } from '../../core';
import { baseUnit, formatEvaluated, plainNumber } from '../format';
import type { Positions } from '../positions';
import { schemaAt } from '../schema';
import { entryAt } from '../yamlContext';
import { code, describeDefinition, KIND_NOUN, sourceLines } from './describe';
import type { DocumentAnalysis } from './types';

export function hover(analysis: DocumentAnalysis, positions: Positions, offset: number): Hover | null {
  // While a scenario is shown, a figure says whose it is.
  const shown = analysis.shown ? `_Scenario \`${analysis.shown.scenario.id.name}\`_\n\n` : '';
  const markdown = (value: string, span: { start: number; end: number }): Hover => ({
    contents: { kind: MarkupKind.Markdown, value: shown + value },
    range: positions.range(span),
  });

  const symbol = analysis.symbols.at(offset);
  if (symbol?.definition) return markdown(describeDefinition(analysis, symbol.definition), symbol.definition.ident);
  if (symbol?.reference) {
    const ref = symbol.reference;
    const def = analysis.symbols.resolve(ref);
    if (def) return markdown(describeDefinition(analysis, def), ref.ident);
    const what = ref.kinds.map((k) => KIND_NOUN[k]).join(' or ');
    return markdown(`**${ref.ident.name}**: unknown ${what} (named by a ${ref.role})`, ref.ident);
  }

  const quantity = quantityAt(analysis, offset);
  if (quantity) return markdown(describeQuantity(analysis, quantity), quantity);

  const entry = entryAt(analysis.text, offset);
  if (entry) {
    const node = schemaAt([...entry.path, entry.key]);
    if (!node) return null;
    if (entry.value) {
      const text = analysis.text.slice(entry.value.start, entry.value.end).replace(/^["']|["']$/g, '');
      const index = node.enum?.findIndex((v) => String(v) === text) ?? -1;
      const doc = index >= 0 ? node.enumDocs[index] : undefined;
      return doc ? markdown(`${code(text)}: ${doc}`, entry.value) : null;
    }
    return node.documentation ? markdown(`**${entry.key}**\n\n${node.documentation}`, entry.keySpan) : null;
  }
  return null;
}

/** The evaluated quantity whose source contains `offset`. */
export function quantityAt(analysis: DocumentAnalysis, offset: number): EvaluatedQuantity | undefined {
  for (const q of analysis.quantities.values()) if (offset >= q.start && offset <= q.end) return q;
  return undefined;
}

export function describeQuantity(analysis: DocumentAnalysis, q: EvaluatedQuantity): string {
  const conventions = analysis.estimate.conventions;
  const shown = formatEvaluated(q, conventions, analysis.text.slice(q.start, q.end));
  const lines: string[] = [];
  if (shown === undefined || q.value === null) {
    lines.push(`${code(q.field)}: cannot be computed (see the problem on this line)`);
  } else {
    lines.push(`${code(q.field)} = **${shown}**`, '');
    const unit = baseUnit(q.dimension);
    lines.push(`- in base units: ${plainNumber(q.value)}${unit === '' ? '' : ` ${unit}`}`);
    lines.push(`- dimension: ${q.dimension}`);
  }
  for (const b of q.bReadings) {
    const around = analysis.text.slice(Math.max(q.start, b.start - 8), b.end).trimStart();
    lines.push(`- ${code('B')} in ${code(around)} is read as **${b.meaning}**${b.meaning === 'bytes' ? ' (this field is a size)' : ' (write `bytes` or `GB` for a size)'}`);
  }
  const owner = sourcedOwner(analysis, q);
  if (owner) lines.push(...sourceLines(owner));
  const seen = new Set<string>();
  for (const n of q.names) {
    if (seen.has(n.name)) continue;
    seen.add(n.name);
    const value = nameValue(analysis, n.name);
    lines.push(`- uses ${code(n.name)}${value ? ` = ${value}` : ''}`);
  }
  return lines.join('\n');
}

/** The value, traffic line or component whose field `q` is, when it cites sources. */
function sourcedOwner(analysis: DocumentAnalysis, q: EvaluatedQuantity): Sourced | undefined {
  const d = analysis.design;
  const inside = (item: { start: number; end: number; sources?: unknown }) => item.sources !== undefined && q.start >= item.start && q.end <= item.end;
  return d.estimation?.values.find(inside) ?? d.estimation?.traffic.find(inside) ?? d.components.find(inside);
}

function nameValue(analysis: DocumentAnalysis, name: string): string | undefined {
  const est = analysis.design.estimation;
  const source = name === 'users' ? est?.users : name === 'dau' ? est?.dau : est?.values.find((v) => v.name.name === name)?.value;
  const q = source ? analysis.quantities.get(source.start) : undefined;
  if (!q || q.value === null) return undefined;
  return formatEvaluated(q, analysis.estimate.conventions);
}
