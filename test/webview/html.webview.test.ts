// The preview's HTML builder, the webview message validation and the cursor-to-node map:
// pure functions of the extension, tested without VS Code or a browser.
import * as assert from 'node:assert/strict';
import { createNonce, escapeAttribute, previewCsp, previewHtml } from '../../src/extension/preview/html';
import { decodeBase64, isPng, parsePreviewState, parseWebviewMessage } from '../../src/extension/preview/messages';
import { nodeAtPosition } from '../../src/extension/preview/sourceMap';
import type { PreviewNode } from '../../src/protocol';

/** What VS Code 1.99 gives as `webview.cspSource`. */
const SOURCE = "'self' https://*.vscode-cdn.net";
const RESOURCES = 'https://file+.vscode-resource.vscode-cdn.net';

function html(uri = 'file:///work/a.sysdesign.yaml', nonce = createNonce()): string {
  return previewHtml({
    cspSource: SOURCE,
    scriptUri: `${RESOURCES}/ext/dist/webview/preview.js`,
    styleUri: `${RESOURCES}/ext/dist/webview/preview.css`,
    nonce,
    state: { uri, theme: 'auto', view: 'architecture' },
  });
}

describe('the preview HTML', () => {
  it('declares exactly the strict Content Security Policy', () => {
    const nonce = createNonce();
    const page = html(undefined, nonce);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
    assert.equal(csp?.replace(/&#39;/g, "'"), `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${SOURCE} 'unsafe-inline'; img-src ${SOURCE} data:; font-src ${SOURCE}`);
    assert.equal(previewCsp(SOURCE, nonce), csp?.replace(/&#39;/g, "'"));
    assert.doesNotMatch(page, /unsafe-eval|default-src \*|command:/);
  });

  it('loads one script, with the nonce, and no inline script', () => {
    const nonce = createNonce();
    const scripts = [...html(undefined, nonce).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${nonce}"`));
    assert.match(scripts[0][1], /src="https:\/\/[^"]+\/dist\/webview\/preview\.js"/);
    assert.equal(scripts[0][2], '', 'no inline code');
  });

  it('makes a new 128-bit nonce each time from the crypto source', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[0-9a-f]{32}$/);
    assert.throws(() => previewHtml({ cspSource: SOURCE, scriptUri: 'x', styleUri: 'y', nonce: "abc' 'unsafe-inline", state: { uri: '', theme: 'auto' } }));
    assert.throws(() => previewHtml({ cspSource: "'self'; script-src *", scriptUri: 'x', styleUri: 'y', nonce: createNonce(), state: { uri: '', theme: 'auto' } }));
  });

  it('puts the starting state in an escaped data- attribute that round-trips', () => {
    const hostile = 'file:///work/"><script>alert(1)</script>&amp;\'.sysdesign.yaml';
    const page = html(hostile);
    assert.equal([...page.matchAll(/<script/g)].length, 1, 'the hostile URI opened no tag');
    const attribute = /<body data-state="([^"]*)">/.exec(page)?.[1];
    assert.ok(attribute);
    const decoded = attribute.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    assert.deepEqual(JSON.parse(decoded), { uri: hostile, theme: 'auto', view: 'architecture' });
    assert.equal(escapeAttribute(`<a href="x">&'`), '&#60;a href=&#34;x&#34;&#62;&#38;&#39;');
  });
});

describe('messages from the webview', () => {
  it('accepts each allowed message exactly as typed', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', view: 'architecture', nodeId: 'n12', extra: 'dropped' }), { type: 'reveal', view: 'architecture', nodeId: 'n12' });
    assert.deepEqual(parseWebviewMessage({ type: 'viewChanged', view: 'flow:upload-photo' }), { type: 'viewChanged', view: 'flow:upload-photo' });
    assert.deepEqual(parseWebviewMessage({ type: 'selectStep', view: 'flow:x', step: 3 }), { type: 'selectStep', view: 'flow:x', step: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'exportRequest', format: 'png' }), { type: 'exportRequest', format: 'png' });
    assert.deepEqual(parseWebviewMessage({ type: 'stopComparing', uri: 'file:///etc/passwd' }), { type: 'stopComparing' }, 'nothing but the type is kept');
    assert.deepEqual(parseWebviewMessage({ type: 'exported', requestId: 1, format: 'svg', data: '<?xml version="1.0"?>\n<svg xmlns="x"></svg>' })?.type, 'exported');
    assert.deepEqual(parseWebviewMessage({ type: 'exported', requestId: 2, format: 'png', data: 'iVBORw0KGgo=' })?.type, 'exported');
    assert.deepEqual(parseWebviewMessage({ type: 'exportFailed', requestId: 2, message: 'x'.repeat(5000) }), { type: 'exportFailed', requestId: 2, message: 'x'.repeat(2000) });
  });

  it('rejects anything else: unknown types, commands, URIs, malformed fields', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'open', uri: 'file:///etc/passwd' },
      { type: 'reveal', view: 'architecture', nodeId: 'api' },
      { type: 'reveal', view: 'architecture', nodeId: 'n1"]' },
      { type: 'reveal', view: 'file:///etc/passwd', nodeId: 'n1' },
      { type: 'reveal', view: 'flow:a\nb', nodeId: 'n1' },
      { type: 'selectStep', view: 'architecture', step: 1 },
      { type: 'selectStep', view: 'flow:x', step: -1 },
      { type: 'selectStep', view: 'flow:x', step: 1.5 },
      { type: 'exportRequest', format: 'pdf' },
      { type: 'exported', requestId: 1, format: 'svg', data: '<html><script>' },
      { type: 'exported', requestId: 1, format: 'png', data: 'not base64!' },
      { type: 'exported', requestId: '1', format: 'svg', data: '<svg></svg>' },
      { type: 'toString' },
      { type: '__proto__' },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('restores only a well-formed state', () => {
    assert.deepEqual(
      parsePreviewState({
        uri: 'file:///a.sysdesign.yaml',
        view: 'er',
        transforms: { er: { scale: 2, x: 1, y: 2 }, bad: { scale: 1, x: 0, y: 0 }, architecture: { scale: -1, x: 0, y: 0 } },
      }),
      {
        uri: 'file:///a.sysdesign.yaml',
        view: 'er',
        transforms: { er: { scale: 2, x: 1, y: 2 } },
      },
    );
    assert.equal(parsePreviewState({ view: 'er' }), undefined);
    assert.equal(parsePreviewState({ uri: 'x'.repeat(10_000) }), undefined);
    assert.deepEqual(parsePreviewState({ uri: 'untitled:Untitled-1', view: 'javascript:alert(1)' }), { uri: 'untitled:Untitled-1' });
  });

  it('decodes PNG data and checks its signature', () => {
    const bytes = decodeBase64('iVBORw0KGgoAAAANSUhEUg==');
    assert.equal(isPng(bytes), true);
    assert.equal(isPng(decodeBase64('PHN2Zz4=')), false);
  });
});

describe('the node under the cursor', () => {
  const at = (line: number, character: number) => ({ line, character });
  const range = (a: number, b: number, c: number, d: number) => ({ start: at(a, b), end: at(c, d) });
  const nodes: PreviewNode[] = [
    { nodeId: 'n0', kind: 'component', id: 'api', range: range(10, 4, 13, 20), selection: range(10, 8, 10, 11), references: [range(30, 4, 30, 7)] },
    { nodeId: 'g0', kind: 'group', id: 'backend', range: range(20, 4, 22, 30), selection: range(20, 8, 20, 15), references: [] },
    { nodeId: 'n1', kind: 'component', id: 'db', range: range(14, 4, 16, 10), selection: range(14, 8, 14, 10), references: [range(21, 20, 21, 22)] },
  ];

  it('is the definition or reference that holds the cursor, the tightest first', () => {
    assert.equal(nodeAtPosition(nodes, at(10, 2)), null, 'before the definition starts on its line');
    assert.equal(nodeAtPosition(nodes, at(12, 6)), 'n0');
    assert.equal(nodeAtPosition(nodes, at(30, 7)), 'n0', 'right after a reference');
    assert.equal(nodeAtPosition(nodes, at(21, 21)), 'n1', 'a member inside a group is the member');
    assert.equal(nodeAtPosition(nodes, at(21, 10)), 'g0');
    assert.equal(nodeAtPosition(nodes, at(40, 0)), null);
  });
});
