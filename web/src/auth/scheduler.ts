// When to refresh the access token: a little before it expires, never in a tight loop.
// Pure timing logic (timers injected) so Vitest drives it with fake time.

export const REFRESH_MARGIN_MS = 60_000;
export const MIN_DELAY_MS = 5_000;

/** Milliseconds from `now` until the token expiring at `expiresAt` should be refreshed. */
export function refreshDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  // A short-lived token is refreshed at half its remaining life rather than the margin.
  const margin = Math.min(REFRESH_MARGIN_MS, left / 2);
  return Math.max(MIN_DELAY_MS, left - margin);
}

export interface Timers {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One pending refresh at a time: scheduling again replaces it, stop() cancels it. */
export class RefreshScheduler {
  private handle: unknown = null;

  constructor(
    private readonly refresh: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(expiresAt: number): void {
    this.stop();
    const delay = refreshDelay(expiresAt, this.timers.now());
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.refresh();
    }, delay);
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  get pending(): boolean {
    return this.handle !== null;
  }
}
