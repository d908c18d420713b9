/**
 * A deadline on work that cannot be cancelled (a library call with no signal): the caller stops
 * waiting at the deadline and goes on; the work is left to finish or fail on its own, its outcome
 * unobserved.
 */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

export async function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineError(`${what} did not finish within ${formatMs(timeoutMs)}`)),
      timeoutMs,
    );
  });
  // Given up, the work may still fail later: that is no unhandled rejection.
  work.catch(() => {});
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0
    ? `${ms / 60_000} min`
    : ms >= 1000
      ? `${Math.round(ms / 100) / 10} s`
      : `${ms} ms`;
}
