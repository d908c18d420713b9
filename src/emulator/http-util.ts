import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { EmulatorLedger } from "./ledger.js";
import type { RejectReason, RequestRecord } from "./types.js";

/** One request and its answer, so every way of answering also completes the ledger's record. */
export class Exchange {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: RequestRecord,
    private readonly ledger: EmulatorLedger,
  ) {}

  /** The client went away or the answer was already sent. */
  get gone(): boolean {
    return this.res.destroyed || this.res.headersSent;
  }

  json(httpStatus: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
    this.text(httpStatus, `${JSON.stringify(body)}\n`, "application/json", headers);
  }

  text(httpStatus: number, text: string, contentType: string, headers: OutgoingHttpHeaders = {}) {
    if (this.gone) return;
    const body = Buffer.from(text);
    this.record.httpStatus = httpStatus;
    this.res.writeHead(httpStatus, {
      "Content-Type": contentType,
      "Content-Length": body.length,
      ...headers,
    });
    this.res.end(body);
  }

  /** An error in the contract's shape, `{"error": {"code", "message"}}`, counted by reason. */
  refuse(
    httpStatus: number,
    reason: RejectReason,
    message: string,
    headers: OutgoingHttpHeaders = {},
  ): void {
    this.ledger.rejected(reason);
    this.json(httpStatus, { error: { code: reason, message } }, headers);
  }

  /** Drop the connection without an answer. */
  reset(): void {
    this.record.httpStatus = 0;
    this.req.socket.destroy();
  }
}

export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The request body, or undefined once it passes `limit` bytes (the rest is not read). */
export async function readBody(
  req: IncomingMessage,
  limit = MAX_REQUEST_BYTES,
): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > limit) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/** The `Prefer: wait=N` value in seconds (RFC 7240; several preferences may share the header). */
export function preferredWaitSeconds(header: string | string[] | undefined): number | undefined {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    for (const preference of value.split(/[,;]/)) {
      const match = /^\s*wait\s*=\s*"?(\d+)"?\s*$/i.exec(preference);
      if (match?.[1] !== undefined) return Number(match[1]);
    }
  }
  return undefined;
}

/** The Bearer token of an Authorization header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
