/** Small pieces of undici response handling shared by the API client and the downloader. */

/**
 * The body as UTF-8 text, or undefined as soon as it is known to pass `cap` bytes (the rest is
 * not read, so a huge or endless answer costs no memory).
 */
export async function readCapped(
  body: DestroyableBody,
  headers: Record<string, string | string[] | undefined>,
  cap: number,
): Promise<string | undefined> {
  const declared = Number(firstHeader(headers["content-length"]));
  if (declared > cap) {
    discardBody(body);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > cap) {
      discardBody(body);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type DestroyableBody = AsyncIterable<Buffer> & {
  destroy(): unknown;
  on(event: "error", listener: () => void): unknown;
};

/**
 * Stop reading a body and free its connection. The listener matters: destroying an undici body
 * emits an "error" that nobody else is listening for any more.
 */
export function discardBody(body: DestroyableBody): void {
  body.on("error", () => {});
  body.destroy();
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** What the common transport codes mean, for a person reading an asset's failure. */
const MEANING: Readonly<Record<string, string>> = {
  UND_ERR_HEADERS_TIMEOUT: "no answer before the timeout",
  UND_ERR_BODY_TIMEOUT: "the answer stalled before the timeout",
  UND_ERR_CONNECT_TIMEOUT: "could not connect before the timeout",
  UND_ERR_SOCKET: "the connection was cut",
  ECONNRESET: "the connection was reset",
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved right now",
};

/** Codes of a connection that was never made: nothing was sent, the server saw nothing. */
const NOT_CONNECTED: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function isConnectFailure(error: unknown): boolean {
  const code = error && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && NOT_CONNECTED.has(code);
}

/**
 * A short, key-free name for a transport failure: the error code undici or Node gave it, after
 * what it means when it is a common one ("no answer before the timeout (UND_ERR_HEADERS_TIMEOUT)").
 */
export function networkProblem(error: unknown): string {
  if (error && typeof error === "object") {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return MEANING[code] ? `${MEANING[code]} (${code})` : code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string") return name;
  }
  return "network error";
}
