// Bookkeeping written in batches instead of one statement per request (an API token's every use in the audit
// log, the data API's usage events): items wait until `ms` has passed since the first of them or `max` are
// waiting, then `write` gets them all at once. `write` must not throw (it logs its own failure).
export type TimedBatch<T> = {
  add(items: readonly T[]): void;
  /** Writes what is waiting now (also in tests). */
  flush(): Promise<void>;
};

export function timedBatch<T>(write: (items: T[]) => Promise<void>, opts: { ms: number; max: number }): TimedBatch<T> {
  let waiting: T[] = [];
  let timer: NodeJS.Timeout | null = null;
  // Writes started by the timer or by `max`: a flush waits for them too, so that after it every item added
  // before it is written (a flush that found nothing waiting used to return while the timer's write was running).
  const writing = new Set<Promise<void>>();
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const items = waiting;
    waiting = [];
    if (items.length > 0) {
      const done = write(items).finally(() => writing.delete(done));
      writing.add(done);
    }
    await Promise.all([...writing]);
  };
  return {
    add(items) {
      waiting.push(...items);
      if (waiting.length >= opts.max) void flush();
      else timer ??= setTimeout(() => void flush(), opts.ms);
    },
    flush,
  };
}
