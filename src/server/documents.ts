/**
 * One analyzer per open document and the latest analysis per URI and version; and the
 * as-you-type diagnostics: debounced, one pending job per document, stale versions
 * dropped, cleared on close.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analyzer, type Conventions } from '../core';
import type { DocumentAnalysis } from './features/types';

interface Entry {
  analyzer: Analyzer;
  version?: number;
  analysis?: DocumentAnalysis;
}

export class Analyses {
  private readonly entries = new Map<string, Entry>();

  constructor(private conventions: Partial<Conventions> = {}) {}

  /** The analysis of the document's current version (computed now if needed). */
  get(document: TextDocument): DocumentAnalysis {
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { analyzer: createAnalyzer({ defaultConventions: this.conventions }) };
      this.entries.set(document.uri, entry);
    }
    if (entry.analysis && entry.version === document.version) return entry.analysis;
    const analysis = entry.analyzer.analyse(document.getText());
    entry.version = document.version;
    entry.analysis = analysis;
    return analysis;
  }

  drop(uri: string): void {
    this.entries.delete(uri);
  }

  /** New default conventions: every analysis is stale. */
  reset(conventions: Partial<Conventions>): void {
    this.conventions = conventions;
    this.entries.clear();
  }
}

type Timer = ReturnType<typeof setTimeout>;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, Timer>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly publish: (document: TextDocument) => void,
  ) {}

  /** (Re)starts the document's one pending job; an earlier pending job is dropped. */
  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const version = this.documents.get(uri)?.version;
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        const document = this.documents.get(uri);
        // Closed, or changed since (a newer job is already pending): nothing to do.
        if (!document || document.version !== version) return;
        this.publish(document);
      }, delay),
    );
  }

  cancel(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
