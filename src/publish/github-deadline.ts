/**
 * A deadline on every GitHub API call. A GitHub that accepts the connection and never answers
 * held the step until the runner killed it (a real job burns its whole timeout); each request
 * now ends by its deadline, the socket closed, with a message naming the call.
 *
 * Octokit takes a `fetch` (request.fetch): this one gives each request its own timer, joined to
 * any signal Octokit passes. The default leaves GitHub's slow endpoints room; the environment
 * variable AGENTFRAMER_GITHUB_TIMEOUT_MS changes it (a test's quick deadline, a slow Enterprise).
 */
export const DEFAULT_GITHUB_TIMEOUT_MS = 30_000;

export class GitHubTimeoutError extends Error {
  override readonly name = "GitHubTimeoutError";
}

/** The per-request deadline from the environment, or the default for a missing or bad value. */
export function githubTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env.AGENTFRAMER_GITHUB_TIMEOUT_MS?.trim() ?? "";
  const ms = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(ms) && ms > 0 ? ms : DEFAULT_GITHUB_TIMEOUT_MS;
}

/** `fetch`, with each request aborted after `timeoutMs`; the body's reading included. */
export function fetchWithDeadline(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (!deadline.aborted) throw error;
      const url = new URL(input instanceof Request ? input.url : String(input));
      throw new GitHubTimeoutError(
        `the GitHub API did not answer within ${timeoutMs / 1000} s ` +
          `(${init?.method ?? "GET"} ${url.pathname}); GitHub may be degraded: re-run the job ` +
          "(AGENTFRAMER_GITHUB_TIMEOUT_MS sets this deadline)",
      );
    }
  };
}
