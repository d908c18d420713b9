/**
 * The errors of fetching bytes from a URL the tool did not choose (a result URL, a redirect, an
 * S3 endpoint): each says what went wrong without the URL's query string or credentials.
 */

export type DownloadErrorKind =
  "truncated" | "too-large" | "too-slow" | "type-mismatch" | "http" | "policy";

export class DownloadError extends Error {
  override readonly name: string = "DownloadError";
  /** It fails one asset, never the run (see render/errors.ts, FailureScope). */
  readonly scope = "asset";
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
    /** Whether another attempt might succeed (a cut connection, a 5xx), as opposed to a verdict. */
    readonly retryable = false,
  ) {
    super(`download failed: ${message}`);
  }
}

/** The result URL (or a redirect) points somewhere this tool will not connect to. */
export class UrlPolicyError extends DownloadError {
  override readonly name = "UrlPolicyError";
  constructor(reason: string) {
    super("policy", `refused result URL: ${reason}`);
  }
}

/** The origin and path of a URL, without credentials, query string or fragment. */
export function redactUrl(url: string | URL): string {
  try {
    const u = typeof url === "string" ? new URL(url) : url;
    return clip(`${u.protocol}//${u.host}${u.pathname}`, 200);
  } catch {
    return "(unparseable URL)";
  }
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
