/**
 * A tiny HTTP server on loopback whose answers a test scripts request by request, and which
 * records every request it got (method, path, headers, body, arrival time). For the emulator's
 * full behaviour use the emulator; this is for the exact misbehaviour a test needs: a reset after
 * reading the request, a body shorter than its Content-Length, a 429 with an odd Retry-After.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` at arrival. */
  at: number;
}

/** What to answer. `reset` destroys the socket instead (after `delayMs`), with no answer at all. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  reset?: boolean;
  /** Send the headers and this many bytes of the body, then destroy the socket. */
  cutAfterBytes?: number;
  /** Never answer (the socket is destroyed when the server closes). */
  hang?: boolean;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

export type Script = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      at: performance.now(),
    };
    requests.push(recorded);
    const reply = await script(recorded, requests.length - 1);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.hang) return;
    if (reply.reset) {
      res.socket?.destroy();
      return;
    }
    const body = encode(reply.body);
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined && !isRaw(reply.body))
      headers["content-type"] ??= "application/json";
    if (!reply.chunked) headers["content-length"] ??= String(body.length);
    res.writeHead(reply.status ?? 200, headers);
    if (reply.cutAfterBytes !== undefined) {
      res.write(body.subarray(0, reply.cutAfterBytes), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A script that answers with `replies` in order, then repeats the last one. */
export function inOrder(...replies: Reply[]): Script {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] ?? { status: 500 };
}

function isRaw(body: unknown): body is string | Buffer {
  return typeof body === "string" || Buffer.isBuffer(body);
}

function encode(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}
