// What the webview host provides, and what esbuild bundles for us (a script file, not a module).

/** The handle to the extension, available once per page (VS Code's webview API). */
declare function acquireVsCodeApi(): VsCodeApi;

interface VsCodeApi {
  postMessage(message: import('../protocol').FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** esbuild puts imported CSS into `preview.css` next to `preview.js`. */
declare module '*.css' {}
