/**
 * The server never goes down and never hangs, whatever the text: an over-size file gets
 * the core's one diagnostic, hostile YAML gets diagnostics, and every feature still
 * answers on all of it without a handler failing.
 */
import * as assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  RenameRequest,
  type Position,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisRequest, DiagramsRequest } from '../../src/protocol';
import { TestClient } from './support/lspClient';
import { edited, example } from '../support/example';
import { positionOf } from './support/lspEdits';

/** A deterministic byte soup: control characters, lone surrogates, YAML punctuation. */
function garbage(length: number, seed: number): string {
  let x = seed;
  const alphabet = [
    '\u0000',
    '\u0007',
    '\t',
    '\r',
    '\n',
    '\uD800',
    '\uDC00',
    '\u2028',
    '\uFEFF',
    ':',
    '-',
    '[',
    ']',
    '{',
    '}',
    '&',
    '*',
    '!',
    '|',
    '>',
    '#',
    '"',
    "'",
    '%',
    '@',
    '`',
    ' ',
    'a',
    'Z',
    '9',
    'é',
    '😀',
  ];
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const HOSTILE: Record<string, string> = {
  'byte soup': garbage(4000, 7),
  'deep flow nesting': '['.repeat(5000),
  'deep block nesting': '- '.repeat(5000),
  'billion laughs': [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from(
      { length: 8 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
    ),
  ].join('\n'),
  'self-referencing alias': 'sysdesign: 1\nname: x\ncomponents: &c [*c, 1]\n',
  'tags and YAML 1.1': 'sysdesign: !!int 1\nname: !custom x\nrequirements:\n  functional:\n    - id: a\n      text: b\n      important: yes\n      op: !!set {a, b}\n<<: {x: 1}\n',
  'prototype keys': 'sysdesign: 1\nname: x\n__proto__: 1\ncomponents:\n  - id: __proto__\n    kind: constructor\nconnections:\n  - __proto__ -> constructor\n',
  'tabs, BOM and CRLF': '\uFEFFsysdesign: 1\r\nname: x\r\ncomponents:\r\n\t- id: a\r\n',
  'multiple documents': `${example}---\n${example}`,
  'huge integer and long line': `sysdesign: 1\nname: ${'x'.repeat(200000)}\nestimation:\n  dau: 123456789012345678901234567890\n`,
  'half a design': example.slice(0, Math.floor(example.length / 2)),
};

describe('language server robustness', function () {
  this.timeout(60000);
  let client: TestClient;
  let n = 0;

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  /** Every request kind at `position`; none may fail. */
  async function everything(uri: string, position: Position): Promise<void> {
    const textDocument = { uri };
    const range = { start: { line: 0, character: 0 }, end: position };
    await Promise.all([
      client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
      client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
      client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
      client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
      client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
      client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }),
      client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
      client.connection.sendRequest(InlayHintRequest.type, { textDocument, range }),
      client.connection.sendRequest(AnalysisRequest.method, { uri }),
    ]);
  }

  it('a file over the size cap gets exactly one diagnostic, and features still answer', async () => {
    const uri = 'file:///huge.sysdesign.yaml';
    const huge = `sysdesign: 1\nname: huge\ndescription: ${'x'.repeat(2_100_000)}\n`;
    const started = Date.now();
    const published = await client.open(uri, huge);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    assert.equal(published.diagnostics[0].severity, 1);
    const message = published.diagnostics[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /too large|size|characters/i);
    const end = TextDocument.create(uri, 'sysdesign', 1, huge).positionAt(huge.length);
    await everything(uri, end);
    await everything(uri, { line: 1, character: 3 });
    assert.ok(Date.now() - started < 20000, 'answered in reasonable time');
    await client.close(uri);
  });

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`survives ${name}`, async () => {
      const uri = `file:///hostile-${++n}.sysdesign.yaml`;
      const published = await client.open(uri, text);
      assert.ok(Array.isArray(published.diagnostics));
      const doc = TextDocument.create(uri, 'sysdesign', 1, text);
      for (const offset of [0, 1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1, text.length]) {
        await everything(uri, doc.positionAt(Math.max(0, offset)));
      }
      await client.close(uri);
      assert.deepEqual(
        client.logs.filter((l) => /failed/.test(l)),
        [],
      );
    });
  }

  it('answers at every cut of the example while it is being typed', async () => {
    const uri = 'file:///typing.sysdesign.yaml';
    await client.open(uri, '');
    let version = 1;
    for (let cut = 0; cut <= example.length; cut += 53) {
      const text = example.slice(0, cut);
      await client.change(uri, text, ++version);
      const end = TextDocument.create(uri, 'sysdesign', version, text).positionAt(text.length);
      await everything(uri, end);
    }
    assert.deepEqual(
      client.logs.filter((l) => /failed/.test(l)),
      [],
    );
  });

  it('ignores requests for documents it does not have and malformed custom params', async () => {
    const textDocument = { uri: 'file:///nowhere.sysdesign.yaml' };
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
    assert.equal(await client.connection.sendRequest(AnalysisRequest.method, {}), null);
    assert.equal(await client.connection.sendRequest(AnalysisRequest.method, null), null);
  });

  it('is still fully working afterwards', async () => {
    const uri = 'file:///after.sysdesign.yaml';
    const published = await client.open(uri, example);
    assert.deepEqual(published.diagnostics, []);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(example, 'dau: 10M', 6) });
    assert.equal((hover?.contents as { value: string }).value.split('\n')[0], '`dau` = **10M**');
  });
});

/**
 * The "Editor and workspace" rows of RELIABILITY.md that only a running server shows
 * (test/RELIABILITY-COVERAGE.md maps the others): cancellation, timers on close, and no
 * edit the user did not ask for.
 */
describe('RELIABILITY.md: Editor and workspace, over LSP', function () {
  this.timeout(60000);
  let client: TestClient;
  /** Every `workspace/applyEdit` the server asked for: there must be none. */
  const applied: unknown[] = [];

  before(async () => {
    client = await TestClient.start();
    client.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      applied.push(params);
      return { applied: false };
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('honour cancellation: a request cancelled before it runs does no work; the same request uncancelled answers', async () => {
    const uri = 'file:///cancel.sysdesign.yaml';
    await client.open(uri, example);
    const textDocument = { uri };
    const position = positionOf(example, 'dau: 10M', 6);
    // 900 more components: the server analyses this version inside the document-symbol
    // request below, long enough for the hover and its cancellation to be queued behind it.
    const extra = Array.from({ length: 900 }, (_, i) => `  - {id: extra-${i}, kind: cache}\n`).join('');
    const big = edited('components:                         # step 5\n', `components:                         # step 5\n${extra}`);
    await client.change(uri, big, 2);
    const source = new CancellationTokenSource();
    source.cancel();
    const symbols = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    const cancelled = client.connection.sendRequest(HoverRequest.type, { textDocument, position }, source.token).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    assert.ok(((await symbols) ?? []).length > 0, 'the first request answered');
    const outcome = await cancelled;
    // Either the server's empty answer or a "request cancelled" error: never the hover.
    if ('result' in outcome) assert.equal(outcome.result, null);
    else assert.match(String((outcome.error as Error).message), /cancel/i);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    assert.equal((hover?.contents as { value: string }).value.split('\n')[0], '`dau` = **10M**', 'the same request, uncancelled, answers');
    await client.close(uri);
  });

  it('clear diagnostics and timers when a document closes: an edit still in its debounce publishes nothing after the close', async () => {
    const uri = 'file:///closing.sysdesign.yaml';
    await client.open(uri, example);
    const from = client.published.length;
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    // A typo (which would give a diagnostic), then the close while its debounce is pending.
    await client.change(uri, edited('members: [lb, api,', 'members: [lb, apx,'), 2);
    await client.close(uri);
    await cleared;
    // Another document's debounced diagnostics: its timer started after the closed one's,
    // so had that one survived it would have published first.
    const other = 'file:///after-close.sysdesign.yaml';
    await client.open(other, example);
    const later = client.nextDiagnostics(other, (p) => p.version === 2);
    await client.change(other, edited('members: [lb, api,', 'members: [lb, apy,'), 2);
    assert.deepEqual(
      (await later).diagnostics.map((d) => d.code),
      ['sysdesign/unknown-component'],
    );
    assert.deepEqual(
      client.published
        .slice(from)
        .filter((p) => p.uri === uri)
        .map((p) => [p.version, p.diagnostics.length]),
      [[undefined, 0]],
      'only the clearing publish, nothing for version 2',
    );
    await client.close(other);
  });

  it('quick fixes, rename and formatting are minimal text edits: no formatter is advertised, so nothing re-serialises the YAML', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.documentFormattingProvider, undefined);
    assert.equal(caps.documentRangeFormattingProvider, undefined);
    assert.equal(caps.documentOnTypeFormattingProvider, undefined);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] }, 'quick fixes only: no source actions that rewrite the file');
  });

  it('nothing is written on open or preview: no workspace/applyEdit for opening, typing, fixes, rename or diagrams', async () => {
    const uri = 'file:///no-writes.sysdesign.yaml';
    const text = edited('      important: false              # default true', '      important: no                 # default true');
    const { diagnostics } = await client.open(uri, text);
    const textDocument = { uri };
    await client.change(uri, `${text}# typed\n`, 2);
    await client.nextDiagnostics(uri, (p) => p.version === 2);
    const range = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics } });
    assert.ok((actions ?? []).length > 0, 'fixes are offered (as edits for the client to apply, not applied)');
    const rename = await client.connection.sendRequest(RenameRequest.type, { textDocument, position: positionOf(text, '  - id: api\n', 9), newName: 'photo-api' });
    assert.ok(rename, 'a rename is answered with an edit, not applied');
    const diagrams = (await client.connection.sendRequest(DiagramsRequest.method, { uri })) as { views?: unknown[] } | null;
    assert.ok(diagrams?.views?.length, 'the preview gets its diagrams');
    await client.connection.sendRequest(AnalysisRequest.method, { uri });
    await client.close(uri);
    assert.deepEqual(applied, []);
  });
});
