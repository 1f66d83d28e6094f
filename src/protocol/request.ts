/**
 * A custom request declared once, with its parameter and result types, so that the
 * server's handler and every caller get the types from the declaration instead of naming
 * them at each call. Our own few lines rather than vscode-jsonrpc's `RequestType`: the
 * protocol is imported by the webview and by the extension's activation path, which must
 * not load the JSON-RPC library (the language client is loaded after activation).
 */
export interface RequestDescriptor<P, R> {
  readonly method: string;
  /** Never set: carries `P` and `R` for the compiler (a function type keeps both exact). */
  readonly types?: (params: P) => R;
}

export type ParamsOf<D> = D extends RequestDescriptor<infer P, unknown> ? P : never;
export type ResultOf<D> = D extends RequestDescriptor<never, infer R> ? R : never;

export function defineRequest<P, R>(method: string): RequestDescriptor<P, R> {
  return { method };
}
