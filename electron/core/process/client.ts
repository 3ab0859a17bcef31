import type { ApiError, Result } from '../../../shared/result';
import { FromCore, type CoreUnlock } from './protocol';

/** The parent side of a core port: a worker thread or an Electron utility process. */
export interface CoreChannel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/**
 * Correlates calls with answers and turns every way the core can fail (could not open, crashed,
 * shut down) into a typed error result rather than a hung promise.
 */
export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private failure: ApiError | null = null;
  private closedListener: (() => void) | null = null;
  readonly ready: Promise<Result<void>>;

  constructor(
    private readonly channel: CoreChannel,
    unlock: CoreUnlock,
  ) {
    this.ready = new Promise((resolve) => {
      channel.onMessage((raw) => {
        const message = FromCore.safeParse(raw);
        if (!message.success) return;
        const m = message.data;
        if (m.type === 'locked') channel.post({ type: 'unlock', unlock });
        else if (m.type === 'ready') resolve({ ok: true, value: undefined });
        else if (m.type === 'fatal') {
          this.failure = m.error;
          resolve({ ok: false, error: m.error });
        } else if (m.type === 'result') {
          this.pending.get(m.id)?.(m.result as Result<unknown>);
          this.pending.delete(m.id);
        } else this.closedListener?.();
      });
      channel.onExit((code) => {
        this.failure ??= { code: 'CORE_UNAVAILABLE', message: `The Chamber core stopped (exit code ${code}).` };
        resolve({ ok: false, error: this.failure });
        for (const answer of this.pending.values()) answer({ ok: false, error: this.failure });
        this.pending.clear();
        this.closedListener?.();
      });
    });
  }

  async call(name: string, input: unknown): Promise<Result<unknown>> {
    const started = await this.ready;
    if (!started.ok) return started;
    if (this.failure) return { ok: false, error: this.failure };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.channel.post({ type: 'call', id, name, input });
    });
  }

  /** Lets queued calls finish and the database close cleanly; kills the core if it does not. */
  close(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve) => {
      if (this.failure) {
        this.channel.kill();
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        this.channel.kill();
        resolve();
      }, timeoutMs);
      this.closedListener = () => {
        clearTimeout(timer);
        resolve();
      };
      this.failure = { code: 'CORE_UNAVAILABLE', message: 'Chamber is shutting down.' };
      this.channel.post({ type: 'shutdown' });
    });
  }
}

