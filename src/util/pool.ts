/**
 * A bounded pool: at most `limit` workers run at once, in item order. Before each start the pool
 * asks `mayStart()`, so a run can stop new submissions (credits gone, Ctrl-C) while the jobs
 * already in flight finish; the items never started are handed back for the report.
 *
 * A worker that throws does not stop the pool: per-item failures are the worker's to record.
 * The first thrown error is rethrown once everything in flight has settled, so nothing is left
 * running behind the caller's back.
 */
export interface PoolOutcome<T> {
  /** Items never started because `mayStart()` said no. */
  notStarted: T[];
}

export async function runPool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
  mayStart: () => boolean = () => true,
): Promise<PoolOutcome<T>> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be ≥ 1: ${limit}`);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const notStarted: T[] = [];

  const lane = async (): Promise<void> => {
    while (next < items.length) {
      if (!mayStart() || firstError) {
        while (next < items.length) notStarted.push(items[next++] as T);
        return;
      }
      const item = items[next++] as T;
      try {
        await worker(item);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };

  const lanes = Array.from({ length: Math.min(limit, items.length) }, lane);
  await Promise.all(lanes);
  if (firstError) throw firstError.error;
  return { notStarted };
}
