import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { MIN_DELAY_MS, REFRESH_MARGIN_MS, refreshDelay, RefreshScheduler } from "./scheduler";

const MINUTE = 60_000;

describe("refreshDelay", () => {
  it("refreshes a minute before expiry", () => {
    expect(refreshDelay(15 * MINUTE, 0)).toBe(15 * MINUTE - REFRESH_MARGIN_MS);
  });

  it("refreshes a short-lived token at half its life", () => {
    expect(refreshDelay(40_000, 0)).toBe(20_000);
  });

  it("never schedules a tight loop, even for an expired token", () => {
    expect(refreshDelay(0, 10 * MINUTE)).toBe(MIN_DELAY_MS);
    expect(refreshDelay(6_000, 0)).toBe(MIN_DELAY_MS);
  });
});

describe("RefreshScheduler", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refreshes once, a minute before expiry", () => {
    const refresh = vi.fn();
    const scheduler = new RefreshScheduler(refresh);
    scheduler.schedule(15 * MINUTE);
    vi.advanceTimersByTime(14 * MINUTE - 1);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("keeps only the latest schedule", () => {
    const refresh = vi.fn();
    const scheduler = new RefreshScheduler(refresh);
    scheduler.schedule(15 * MINUTE);
    scheduler.schedule(30 * MINUTE);
    vi.advanceTimersByTime(14 * MINUTE);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15 * MINUTE);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("does nothing after stop", () => {
    const refresh = vi.fn();
    const scheduler = new RefreshScheduler(refresh);
    scheduler.schedule(15 * MINUTE);
    scheduler.stop();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(refresh).not.toHaveBeenCalled();
  });
});
