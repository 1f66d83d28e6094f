/**
 * The server never goes down and never hangs, whatever the text: an over-size file gets
 * the core's one diagnostic, hostile YAML gets diagnostics, and every feature still
 * answers on all of it without a handler failing.
 */
import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  type Position,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_REQUEST } from '../../src/protocol';
import { TestClient } from './support/lspClient';
import { example, positionOf } from './support/text';

/** A deterministic byte soup: control characters, lone surrogates, YAML punctuation. */
function garbage(length: number, seed: number): string {
  let x = seed;
  const alphabet = ['\u0000', '\u0007', '\t', '\r', '\n', '\uD800', '\uDC00', '\u2028', '\uFEFF', ':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', '#', '"', "'", '%', '@', '`', ' ', 'a', 'Z', '9', 'é', '😀'];
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
  'billion laughs': ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n'),
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
      client.connection.sendRequest(ANALYSIS_REQUEST, { uri }),
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
    assert.equal(await client.connection.sendRequest(ANALYSIS_REQUEST, {}), null);
    assert.equal(await client.connection.sendRequest(ANALYSIS_REQUEST, null), null);
  });

  it('is still fully working afterwards', async () => {
    const uri = 'file:///after.sysdesign.yaml';
    const published = await client.open(uri, example);
    assert.deepEqual(published.diagnostics, []);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(example, 'dau: 10M', 6) });
    assert.equal((hover?.contents as { value: string }).value.split('\n')[0], '`dau` = **10M**');
  });
});
