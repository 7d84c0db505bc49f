import { afterEach, describe, expect, it, vi } from "vitest";
import { timedBatch } from "./timed-batch";

afterEach(() => {
  vi.useRealTimers();
});

describe("timedBatch", () => {
  it("writes what arrived within `ms` in one call, and nothing before", async () => {
    vi.useFakeTimers();
    const writes: number[][] = [];
    const b = timedBatch<number>(async (items) => void writes.push(items), { ms: 20, max: 500 });
    b.add([1]);
    b.add([2, 3]);
    await vi.advanceTimersByTimeAsync(19);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([[1, 2, 3]]);
    b.add([4]);
    await vi.advanceTimersByTimeAsync(20);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it("writes at once when `max` are waiting, and flush() writes the rest now", async () => {
    vi.useFakeTimers();
    const writes: number[][] = [];
    const b = timedBatch<number>(async (items) => void writes.push(items), { ms: 1_000, max: 3 });
    b.add([1, 2, 3]);
    expect(writes).toEqual([[1, 2, 3]]);
    b.add([4]);
    await b.flush();
    expect(writes).toEqual([[1, 2, 3], [4]]);
    await b.flush(); // nothing waiting: no empty write
    await vi.advanceTimersByTimeAsync(2_000);
    expect(writes).toHaveLength(2);
  });

  it("flush() waits for a write the timer started, even when nothing else is waiting", async () => {
    vi.useFakeTimers();
    const written: number[] = [];
    let release: () => void = () => {};
    const b = timedBatch<number>(
      (items) =>
        new Promise<void>((resolve) => {
          release = () => {
            written.push(...items);
            resolve();
          };
        }),
      { ms: 20, max: 500 },
    );
    b.add([1]);
    await vi.advanceTimersByTimeAsync(20); // the timer's write has started and is still running
    let flushed = false;
    const flushing = b.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect(written).toEqual([1]);
  });
});
