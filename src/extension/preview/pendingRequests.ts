// Requests to the webview that it answers with a message carrying the same `requestId`
// (exports today): one helper numbers them, times them out and hands each answer to the
// request it belongs to, so no caller keeps its own map of promises and timers.
import type * as vscode from 'vscode';

/** An asked request: what was asked (`context`) and how to answer the caller. */
export interface PendingRequest<C, R> {
  readonly context: C;
  resolve(result: R): void;
  reject(error: Error): void;
}

export class PendingRequests<C, R> implements vscode.Disposable {
  private sequence = 0;
  private readonly pending = new Map<number, PendingRequest<C, R>>();

  constructor(
    private readonly timeoutMs: number,
    /** The error when the webview does not answer in time. */
    private readonly timeoutMessage: string,
    /** The error for every request still open on `dispose`. */
    private readonly closedMessage: string,
  ) {}

  /** Numbers a request, lets `send` post it, and resolves with the answer `take` finds for it. */
  ask(context: C, send: (requestId: number) => void): Promise<R> {
    const requestId = ++this.sequence;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(this.timeoutMessage));
      }, this.timeoutMs);
      this.pending.set(requestId, {
        context,
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      send(requestId);
    });
  }

  /** The open request an answer is for (it is then closed), or `undefined` when nobody asked. */
  take(requestId: number): PendingRequest<C, R> | undefined {
    const pending = this.pending.get(requestId);
    this.pending.delete(requestId);
    return pending;
  }

  dispose(): void {
    for (const pending of this.pending.values()) pending.reject(new Error(this.closedMessage));
    this.pending.clear();
  }
}
