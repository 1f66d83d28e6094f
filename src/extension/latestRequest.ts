// One "latest request wins" feed of answers from the language server, shared by the
// preview and the steps view: a request waits for a quiet time after the last change
// (each change starts the wait again), a newer request cancels the older one, and the
// answer to anything but the latest request (or to one asked before `cancel`) is dropped
// instead of overwriting a newer one. What an answer means stays with the caller.
import * as vscode from 'vscode';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class LatestRequest<T, A> implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private cancellation: vscode.CancellationTokenSource | undefined;
  private flight: Promise<A | undefined> | undefined;

  /**
   * `ask` sends the request (it may pass the token on to the server); `settle` turns the latest
   * request's outcome into what `now()` resolves with, and is never called for a dropped one.
   */
  constructor(
    private readonly ask: (token: vscode.CancellationToken) => Promise<T>,
    private readonly settle: (outcome: Outcome<T>) => A,
  ) {}

  /** The latest request while it has no answer yet. */
  get inFlight(): Promise<A | undefined> | undefined {
    return this.flight;
  }

  /** Asks after `delay` ms unless asked to again before then. */
  schedule(delay: number): void {
    this.unschedule();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.now();
    }, delay);
  }

  /** Drops a scheduled request (one in flight goes on). */
  unschedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Settles once no request is waiting or in flight: the answer every change so far asked
   * for has been seen (a request asked for while an earlier one flew overtakes it).
   */
  async settled(): Promise<void> {
    if (this.timer !== undefined) await this.now();
    while (this.flight) {
      await this.flight;
      if (this.timer !== undefined) await this.now();
    }
  }

  /** Asks now; resolves with what `settle` made of the answer, or `undefined` when it was overtaken. */
  now(): Promise<A | undefined> {
    this.unschedule();
    this.cancellation?.cancel();
    this.cancellation?.dispose();
    const cancellation = new vscode.CancellationTokenSource();
    this.cancellation = cancellation;
    const sequence = ++this.sequence;
    const flight = this.ask(cancellation.token)
      .then(
        (value): Outcome<T> => ({ ok: true, value }),
        (error: unknown): Outcome<T> => ({ ok: false, error }),
      )
      .then((outcome) => {
        if (sequence !== this.sequence || cancellation.token.isCancellationRequested) return undefined;
        if (this.cancellation === cancellation) this.cancellation = undefined;
        cancellation.dispose();
        this.flight = undefined;
        return this.settle(outcome);
      });
    this.flight = flight;
    return flight;
  }

  /** Drops the scheduled request and the answer of the one in flight (cancelling it). */
  cancel(): void {
    this.unschedule();
    this.cancellation?.cancel();
    this.cancellation?.dispose();
    this.cancellation = undefined;
    this.sequence++;
    this.flight = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
