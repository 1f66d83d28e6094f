/**
 * The outline, by step: Requirements, Estimation, API, Data Model, Design (components,
 * groups, connections and flows as children).
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Section, SectionName, Span } from '../../core';
import type { Positions } from '../positions';
import type { DocumentAnalysis } from './types';

export function documentSymbols(analysis: DocumentAnalysis, positions: Positions): DocumentSymbol[] {
  const d = analysis.design;
  const section = (name: SectionName): Section | undefined => d.sections.find((s) => s.name === name);
  const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol => {
    const range = positions.range(trimEnd(analysis.text, cover([span, selection, ...children.map((c) => spanOf(positions, c.range))])));
    return { name: name.length > 0 ? name : ' ', detail, kind, range, selectionRange: positions.range(selection), children };
  };
  const out: DocumentSymbol[] = [];

  const req = section('requirements');
  if (req) {
    const r = d.requirements;
    const children = (r?.functional ?? []).map((x) => symbol(x.id.name, SymbolKind.Event, x, x.id, [], x.text?.text));
    const nf = r?.nonFunctional;
    if (nf) children.push(symbol('non_functional', SymbolKind.Property, nf, { start: nf.start, end: nf.start }, nfChildren(nf, symbol)));
    out.push(symbol('Requirements', SymbolKind.Namespace, req, req.key, children, 'step 1'));
  }

  const est = section('estimation');
  if (est) {
    const e = d.estimation;
    const children = [
      ...(e?.values ?? []).map((v) => symbol(v.name.name, SymbolKind.Variable, v, v.name, [], v.value.text)),
      ...(e?.traffic ?? []).map((t) => symbol(t.id.name, SymbolKind.Event, t, t.id, [], t.kind)),
    ];
    out.push(symbol('Estimation', SymbolKind.Namespace, est, est.key, children, 'step 2'));
  }

  const apis = section('apis');
  if (apis) {
    const children = d.apis.map((a) => symbol(a.id.name, SymbolKind.Method, a, a.id, [], [a.method, a.path?.text].filter(Boolean).join(' ')));
    out.push(symbol('API', SymbolKind.Namespace, apis, apis.key, children, 'step 3'));
  }

  const models = section('data_models');
  if (models) {
    const children = d.dataModels.map((m) =>
      symbol(
        m.id.name,
        SymbolKind.Struct,
        m,
        m.id,
        m.fields.map((f) => symbol(f.name.name, SymbolKind.Field, f, f.name, [], f.definition?.text)),
        m.store?.name,
      ),
    );
    out.push(symbol('Data Model', SymbolKind.Namespace, models, models.key, children, 'step 4'));
  }

  const parts: Array<[SectionName, string, () => DocumentSymbol[]]> = [
    ['components', 'Components', () => d.components.map((c) => symbol(c.id.name, SymbolKind.Class, c, c.id, [], [c.kind, c.tech?.text].filter(Boolean).join(' · ')))],
    ['groups', 'Groups', () => d.groups.map((g) => symbol(g.id.name, SymbolKind.Package, g, g.id, [], g.label?.text))],
    ['connections', 'Connections', () => d.connections.map((c) => symbol(`${c.from.name} -> ${c.to.name}`, SymbolKind.Interface, c, c.from, [], c.label?.text))],
    [
      'flows',
      'Flows',
      () =>
        d.flows.map((f) =>
          symbol(
            f.id.name,
            SymbolKind.Function,
            f,
            f.id,
            f.steps.map((s) => symbol(`${s.from.name} -> ${s.to.name}`, SymbolKind.EnumMember, s, s.from, [], s.label?.text)),
            f.requirement?.name,
          ),
        ),
    ],
  ];
  const designChildren: DocumentSymbol[] = [];
  const designSpans: Span[] = [];
  for (const [name, title, children] of parts) {
    const s = section(name);
    if (!s) continue;
    designSpans.push(s);
    designChildren.push(symbol(title, SymbolKind.Module, s, s.key, children()));
  }
  if (designChildren.length > 0) {
    const whole = cover(designSpans);
    const first = d.sections.find((s) => designSpans.includes(s))!;
    out.push(symbol('Design', SymbolKind.Namespace, whole, first.key, designChildren, 'step 5'));
  }
  return out;
}

function nfChildren(
  nf: NonNullable<NonNullable<DocumentAnalysis['design']['requirements']>['nonFunctional']>,
  symbol: (name: string, kind: SymbolKind, span: Span, selection: Span, children?: DocumentSymbol[], detail?: string) => DocumentSymbol,
): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const t of nf.availabilityTargets) out.push(symbol(`availability ${t.key.name}`, SymbolKind.Number, t, t.key, [], t.value.text));
  if (nf.availability && nf.availabilityTargets.length === 0) out.push(symbol('availability', SymbolKind.Number, nf.availability, nf.availability, [], nf.availability.text));
  for (const t of nf.latency) out.push(symbol(`latency ${t.key.name}`, SymbolKind.Number, t, t.key, [], t.value.text));
  if (nf.consistency) out.push(symbol('consistency', SymbolKind.EnumMember, nf.consistency, nf.consistency, [], nf.consistency.text));
  if (nf.durability) out.push(symbol('durability', SymbolKind.Number, nf.durability, nf.durability, [], nf.durability.text));
  return out;
}

function cover(spans: Span[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return Number.isFinite(start) ? { start, end: Math.max(start, end) } : { start: 0, end: 0 };
}

/** Item spans end after their line break; the outline reads better without it. */
function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: span.start, end };
}

function spanOf(positions: Positions, range: DocumentSymbol['range']): Span {
  return { start: positions.offset(range.start), end: positions.offset(range.end) };
}
