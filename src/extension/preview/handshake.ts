// Whether the webview has loaded: it says `ready` on every load (first open, shown again
// after being hidden, which tears it down, and after a reload), and work that needs it
// (an export) waits for that.
export class WebviewHandshake {
  private ready = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly timeoutMs: number) {}

  /** The webview said `ready`. */
  loaded(): void {
    this.ready = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** The panel was hidden: its webview is gone until it says `ready` again. */
  unloaded(): void {
    this.ready = false;
  }

  /** Resolves when the webview is ready; rejects when it does not load in time. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the preview did not load')), this.timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
