// The owner of listeners, emitters and timers: whatever `_register` is given is disposed
// with its owner, so no subscription outlives the object that made it. Modelled on VS
// Code's markdown-language-features (`src/util/dispose.ts`).
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned);
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Owns `value` from now on; one registered after `dispose` is disposed at once. */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.owned.push(value);
    return value;
  }
}

/** Disposes each (in order) and empties the array; one that throws does not stop the rest. */
export function disposeAll(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  for (const d of disposables.splice(0)) {
    try {
      d.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
}
