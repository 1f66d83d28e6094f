// Everything that comes out of the webview is untrusted: an allowlist of message types,
// each field checked at run time. Pure (no `vscode`), so it is tested without a host.
// Nothing here names a command, a path or a URI: a "reveal" carries a node id that the
// preview looks up in its own document's source map.
import { isDesignId, isRecord, isViewKey, MAX_EXPANDED_GROUPS, panelShape, viewTransforms, type ExportFormat, type FromWebviewMessage, type PreviewState } from '../../protocol';

/** The largest SVG we accept from the webview (characters); a PNG as base64 may be bigger. */
export const MAX_SVG_CHARS = 50_000_000;
export const MAX_PNG_BASE64_CHARS = 120_000_000;
const MAX_MESSAGE_CHARS = 2_000;
const MAX_URI_CHARS = 8_192;

const NODE_ID = /^[a-z][0-9]{1,6}$/;
/** A design id (the schema's pattern and length). */
const SCENARIO_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The message as a typed value, or undefined when it is not one we accept exactly. */
export function parseWebviewMessage(raw: unknown): FromWebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return isViewKey(raw.view) && typeof raw.nodeId === 'string' && NODE_ID.test(raw.nodeId) ? { type: 'reveal', view: raw.view, nodeId: raw.nodeId } : undefined;
    case 'viewChanged':
      return isViewKey(raw.view) ? { type: 'viewChanged', view: raw.view } : undefined;
    case 'selectStep':
      return isViewKey(raw.view) && raw.view.startsWith('flow:') && isIndex(raw.step) ? { type: 'selectStep', view: raw.view, step: raw.step } : undefined;
    case 'exportRequest':
      return isFormat(raw.format) ? { type: 'exportRequest', format: raw.format } : undefined;
    case 'selectScenario':
      return raw.scenario === null || (typeof raw.scenario === 'string' && SCENARIO_ID.test(raw.scenario)) ? { type: 'selectScenario', scenario: raw.scenario } : undefined;
    case 'stopComparing':
      return { type: 'stopComparing' };
    case 'viewOptions': {
      if (!isIdList(raw.expanded) || !(raw.focus === null || isDesignId(raw.focus))) return undefined;
      const panel = panelShape(raw.panel);
      return { type: 'viewOptions', expanded: raw.expanded, focus: raw.focus, ...(panel ? { panel } : {}) };
    }
    case 'exported': {
      if (!isIndex(raw.requestId) || !isFormat(raw.format) || typeof raw.data !== 'string') return undefined;
      if (raw.format === 'svg' && (raw.data.length > MAX_SVG_CHARS || !/^\s*(?:<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(raw.data))) return undefined;
      if (raw.format === 'png' && (raw.data.length > MAX_PNG_BASE64_CHARS || raw.data.length % 4 !== 0 || !BASE64.test(raw.data))) return undefined;
      return { type: 'exported', requestId: raw.requestId, format: raw.format, data: raw.data };
    }
    case 'exportFailed':
      return isIndex(raw.requestId) && typeof raw.message === 'string'
        ? { type: 'exportFailed', requestId: raw.requestId, message: raw.message.slice(0, MAX_MESSAGE_CHARS) }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The state a restored panel hands to the serializer (what the webview saved): the
 * document's URI as a string (the caller parses it and opens nothing but a text
 * document), the view and the zoom per view.
 */
export function parsePreviewState(raw: unknown): PreviewState | undefined {
  if (!isRecord(raw) || typeof raw.uri !== 'string' || raw.uri.length === 0 || raw.uri.length > MAX_URI_CHARS) return undefined;
  const state: PreviewState = { uri: raw.uri };
  if (isViewKey(raw.view)) state.view = raw.view;
  const transforms = viewTransforms(raw.transforms, isViewKey);
  if (transforms) state.transforms = transforms;
  if (isIdList(raw.expanded)) state.expanded = raw.expanded;
  if (isDesignId(raw.focus)) state.focus = raw.focus;
  return state;
}

/** Every id valid, or the list is refused whole (a message from the webview is exact or ignored). */
function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_EXPANDED_GROUPS && value.every(isDesignId);
}

/** Base64 to bytes, on any host (Node or a browser extension host). */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function isFormat(value: unknown): value is ExportFormat {
  return value === 'svg' || value === 'png';
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
