/**
 * Golden edits over LSP: every edit the server hands out (rename, each kind of quick fix,
 * the Design Steps view's insertions) changes only its range, in the document's own line
 * breaks. The inputs in test/golden/edits/input/ carry what a re-serialising edit would
 * destroy: CRLF line breaks, a UTF-8 byte-order mark, comments on the edited lines and
 * right after them, 3- and 4-space indentation, flow items inside block lists, flow lists
 * with brackets in their comments, a file without a final line break.
 *
 * Each case opens its input over a real JSON-RPC connection to `dist/server.js`, asks for
 * the edit, applies the returned TextEdits with the small applier of
 * test/support/lspEdits.ts (not the LSP library's) and compares the result byte for byte with
 * test/golden/edits/expected/<case>.sysdesign.yaml. `UPDATE_GOLDEN=1` rewrites the
 * expected files: review their diff, they are the specification.
 * The integration suite (edits.integration.test.ts) checks that VS Code's own insertion of
 * the steps view's items gives the same bytes as the `add-*` files here.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  PrepareRenameRequest,
  RenameRequest,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { AnalysisRequest, type AnalysisResult } from '../../src/protocol';
import { applyEdits, editsOf, isEmpty, offsetAt, positionAt, rangeText, snippetText } from './support/lspEdits';
import { offsetOf, replaceOnce, visible } from '../support/text';
import { EDITS_DIR, golden, goldenFile, goldenInput } from './support/goldenEdits';
import { TestClient } from './support/lspClient';

type Request =
  /** The quick fix titled `fix` for the first diagnostic with `code`. */
  | { fix: string; code: string }
  /** Rename the id at `needle` (which must occur once) + `delta` characters. */
  | { rename: string; delta: number; to: string }
  /** The Design Steps view's insertion of an item of `insert` (a StepInsertion kind). */
  | { insert: string };

interface Case {
  /** The expected file: expected/<name>.sysdesign.yaml. */
  name: string;
  /** The input file: input/<input>.sysdesign.yaml. */
  input: string;
  /** A textual change to the input that creates the problem to fix (`from` must occur once). */
  change?: [from: string, to: string];
  request: Request;
}

const CASES: Case[] = [
  // --- chat: BOM, CRLF, 3-space indentation, comments everywhere ---
  {
    name: 'fix-did-you-mean-component',
    input: 'chat',
    change: ['   - api -> db\r\n', '   - api -> dbx   # db?\r\n'],
    request: { code: 'sysdesign/unknown-component', fix: 'Change to "db"' },
  },
  {
    name: 'fix-create-component',
    input: 'chat',
    change: ['   - api -> db\r\n', '   - api -> db\r\n   - api -> queue   # new\r\n'],
    request: { code: 'sysdesign/unknown-component', fix: 'Create component "queue"' },
  },
  {
    name: 'fix-create-connection',
    input: 'chat',
    change: ['        - api -> db: insert\r\n', '        - api -> db: insert\r\n        - client -> db: read   # direct\r\n'],
    request: { code: 'sysdesign/step-without-connection', fix: 'Add connection "client -> db"' },
  },
  {
    name: 'fix-did-you-mean-requirement',
    input: 'chat',
    change: ['     requirement: send-message\r\n', '     requirement: send-messages   # typo\r\n'],
    request: { code: 'sysdesign/unknown-requirement', fix: 'Change to "send-message"' },
  },
  {
    name: 'fix-create-requirement',
    input: 'chat',
    change: ['     requirement: send-message\r\n', '     requirement: share   # new\r\n'],
    request: { code: 'sysdesign/unknown-requirement', fix: 'Create requirement "share"' },
  },
  {
    name: 'fix-yaml-1.1-boolean',
    input: 'chat',
    change: ['     async: true   # push', '     async: yes   # push'],
    request: { code: 'sysdesign/yaml-1.1-boolean', fix: 'Write true' },
  },
  {
    name: 'fix-yaml-1.1-number',
    input: 'chat',
    change: ['   dau: 1M\r\n', '   dau: 1M\r\n   replication: 03   # copies\r\n'],
    request: { code: 'sysdesign/yaml-1.1-number', fix: 'Write 3' },
  },
  {
    name: 'fix-quantity-unit',
    input: 'chat',
    change: ['        per_user: 40/day', '        per_user: 40/dya   # typo'],
    request: { code: 'sysdesign/unknown-name', fix: 'Change to "day"' },
  },
  { name: 'fix-schema-key', input: 'chat', change: ['     tech: Postgres', '     tehc: Postgres'], request: { code: 'sysdesign/unknown-key', fix: 'Change to "tech"' } },
  { name: 'fix-schema-enum', input: 'chat', change: ['     kind: client   #', '     kind: clinet   #'], request: { code: 'sysdesign/invalid-value', fix: 'Change to "client"' } },
  { name: 'rename-component', input: 'chat', request: { rename: '{ id: api,', delta: 6, to: 'chat-api' } },
  { name: 'rename-value', input: 'chat', request: { rename: 'msg_size + 100', delta: 2, to: 'message_size' } },
  { name: 'rename-requirement', input: 'chat', request: { rename: 'requirement: send-message', delta: 15, to: 'post-message' } },
  { name: 'add-requirement', input: 'chat', request: { insert: 'requirement' } },
  { name: 'add-traffic', input: 'chat', request: { insert: 'traffic' } },
  { name: 'add-api', input: 'chat', request: { insert: 'api' } },
  { name: 'add-data-model', input: 'chat', request: { insert: 'data-model' } },
  { name: 'add-component', input: 'chat', request: { insert: 'component' } },
  { name: 'add-connection', input: 'chat', request: { insert: 'connection' } },
  { name: 'add-flow', input: 'chat', request: { insert: 'flow' } },
  {
    name: 'add-flow-no-final-line-break',
    input: 'chat',
    change: ['        - api -> db: insert\r\n', '        - api -> db: insert   # no line break after this'],
    request: { insert: 'flow' },
  },
  // --- sparse: empty keys with comments (BOM, CRLF, 4 spaces) ---
  { name: 'sparse-fix-create-requirement', input: 'sparse', request: { code: 'sysdesign/unknown-requirement', fix: 'Create requirement "share"' } },
  { name: 'sparse-fix-create-component', input: 'sparse', request: { code: 'sysdesign/unknown-component', fix: 'Create component "web"' } },
  { name: 'sparse-add-requirement', input: 'sparse', request: { insert: 'requirement' } },
  { name: 'sparse-add-component', input: 'sparse', request: { insert: 'component' } },
  { name: 'sparse-add-api', input: 'sparse', request: { insert: 'api' } },
  // --- flow: LF, no BOM, flow lists with `]` in their comments ---
  { name: 'flow-fix-create-component', input: 'flow', request: { code: 'sysdesign/unknown-component', fix: 'Create component "api"' } },
  { name: 'flow-rename-component', input: 'flow', request: { rename: 'id: web', delta: 4, to: 'browser' } },
  // --- bare: a missing section goes above the comment that belongs to the next one ---
  { name: 'bare-fix-create-component', input: 'bare', request: { code: 'sysdesign/unknown-component', fix: 'Create component "client"' } },
  { name: 'bare-add-component', input: 'bare', request: { insert: 'component' } },
  { name: 'bare-add-requirement', input: 'bare', request: { insert: 'requirement' } },
  { name: 'bare-add-flow', input: 'bare', request: { insert: 'flow' } },
];

describe('golden edits: rename, quick fixes and step insertions change only their range', function () {
  this.timeout(20000);
  let client: TestClient;
  let n = 0;

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('the inputs carry CRLF, a byte-order mark and comments, as written', () => {
    const chat = readFileSync(path.join(EDITS_DIR, 'input', 'chat.sysdesign.yaml'));
    assert.deepEqual([...chat.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
    const text = chat.toString('utf8');
    assert.equal(/(?<!\r)\n/.test(text), false, 'no line ends in a lone LF');
    assert.ok(text.split('\r\n').length > 40);
    assert.equal(/\r/.test(readFileSync(path.join(EDITS_DIR, 'input', 'flow.sysdesign.yaml'), 'utf8')), false, 'flow is an LF file');
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const original = inputOf(c);
      const uri = `file:///work/edits-${++n}-${c.name}.sysdesign.yaml`;
      const { diagnostics } = await client.open(uri, original);
      const edits = await editsFor(client, uri, original, diagnostics, c.request);
      assert.ok(edits.length > 0, 'the server offers an edit');

      // Every inserted line break is the document's own.
      const crlf = /\r\n/.test(original);
      for (const e of edits) {
        if (crlf) assert.equal(/(?<!\r)\n|\r(?!\n)/.test(e.newText), false, `a CRLF document gets CRLF only: ${JSON.stringify(e.newText)}`);
        else assert.equal(e.newText.includes('\r'), false, `an LF document gets LF only: ${JSON.stringify(e.newText)}`);
      }

      const actual = applyEdits(original, edits);
      const expected = golden(c.name, actual);
      assert.equal(visible(actual), visible(expected), `expected/${c.name}.sysdesign.yaml`);
      assert.ok(Buffer.from(actual, 'utf8').equals(readFileSync(goldenFile(c.name))), 'the same bytes as the golden file');

      // Outside the span of the edits, the golden text is the original, byte for byte.
      const spans = edits.map((e) => ({ start: offsetAt(original, e.range.start), end: offsetAt(original, e.range.end) }));
      const first = Math.min(...spans.map((s) => s.start));
      const last = Math.max(...spans.map((s) => s.end));
      assert.equal(expected.slice(0, first), original.slice(0, first), 'the bytes before the first edit are unchanged');
      assert.equal(expected.slice(expected.length - (original.length - last)), original.slice(last), 'the bytes after the last edit are unchanged');
      if (original.startsWith('\uFEFF')) assert.ok(expected.startsWith('\uFEFF'), 'the byte-order mark stays');
      if (crlf) assert.equal(/(?<!\r)\n/.test(expected), false, 'no lone LF anywhere in the result');

      // The edit did its job: the fixed problem is gone; a rename or an insert adds no new
      // kind of error (an indentation slip would give a YAML or schema error).
      const after = await client.open(`${uri}.after.sysdesign.yaml`, actual);
      if ('fix' in c.request) {
        const { code } = c.request;
        assert.ok(
          after.diagnostics.filter((d) => d.code === code).length < diagnostics.filter((d) => d.code === code).length,
          `one ${code} fewer: ${JSON.stringify(after.diagnostics.map((d) => d.code))}`,
        );
      } else {
        const errorCodes = (ds: Diagnostic[]) => new Set(ds.filter((d) => d.severity === 1).map((d) => d.code));
        const before = errorCodes(diagnostics);
        assert.deepEqual(
          [...errorCodes(after.diagnostics)].filter((code) => !before.has(code)),
          [],
          `no new kind of error: ${JSON.stringify(after.diagnostics.map((d) => [d.code, d.message]))}`,
        );
      }
      await client.close(uri);
      await client.close(`${uri}.after.sysdesign.yaml`);
    });
  }
});

/** The input of a case with its change applied. */
function inputOf(c: Case): string {
  const text = goldenInput(c.input);
  if (!c.change) return text;
  const [from, to] = c.change;
  return replaceOnce(text, from, to);
}

async function editsFor(client: TestClient, uri: string, text: string, diagnostics: Diagnostic[], request: Request): Promise<TextEdit[]> {
  const textDocument = { uri };
  if ('fix' in request) {
    const d = diagnostics.find((x) => x.code === request.code);
    assert.ok(d, `a ${request.code} diagnostic among ${JSON.stringify(diagnostics.map((x) => [x.code, x.message]))}`);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const action = actions.find((a) => a.title === request.fix);
    assert.ok(action?.edit, `"${request.fix}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    const edits = editsOf(uri, action.edit);
    assert.equal(edits.length, 1, 'a quick fix is one edit');
    const [edit] = edits;
    if (isEmpty(edit.range)) {
      // An insert: at the start or the end of a line (never inside a comment), or inside a
      // flow list's brackets after its last item (only spaces before the `]`, no `#` before it on its line).
      const offset = offsetAt(text, edit.range.start);
      const atLineEdge = offset === text.length || /[\r\n]/.test(text[offset]) || offset === 0 || text[offset - 1] === '\n';
      const inFlowList = /^[ \t]*\]/.test(text.slice(offset)) && !text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).includes('#');
      assert.ok(atLineEdge || inFlowList, `an insert at a line's edge or before "]": ${JSON.stringify(text.slice(offset - 20, offset + 20))}`);
    } else {
      assert.deepEqual(edit.range, d.range, 'a replacement covers exactly the diagnostic');
    }
    return edits;
  }
  if ('rename' in request) {
    const position = positionAt(text, offsetOf(text, request.rename, request.delta));
    const prepared = (await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position })) as { range: Range; placeholder: string };
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument, position, newName: request.to })) as WorkspaceEdit;
    const edits = editsOf(uri, edit);
    for (const e of edits) {
      assert.equal(rangeText(text, e.range), prepared.placeholder, 'each edit covers exactly one use of the old name');
      assert.equal(e.newText, request.to);
    }
    return edits;
  }
  const summary = (await client.connection.sendRequest(AnalysisRequest.method, { uri })) as AnalysisResult;
  assert.ok(summary, 'an analysis summary');
  assert.equal(summary.version, 1);
  const insertion = summary.steps.flatMap((s) => s.insertions).find((i) => i.kind === request.insert);
  assert.ok(insertion, `a ${request.insert} insertion among ${JSON.stringify(summary.steps.flatMap((s) => s.insertions.map((i) => i.kind)))}`);
  return [{ range: { start: insertion.position, end: insertion.position }, newText: snippetText(insertion.snippet) }];
}
