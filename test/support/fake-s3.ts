/**
 * A small S3-compatible server on 127.0.0.1 holding objects in memory, for the misbehaviour a
 * real one will not show: an object whose body never ends, or one that stalls half-way. It
 * answers GET, HEAD and PUT (`If-None-Match: *` honoured) of an object and ListObjectsV2 (path
 * style, `/BUCKET/KEY`), checks no
 * signature, and counts what it was asked and how many body bytes it sent per key.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How one key misbehaves: a body that never ends, or one that stops after `afterBytes`. */
export type Misbehaviour =
  | { kind: "endless" }
  | { kind: "stall"; afterBytes: number }
  | { kind: "length"; contentLength: number };

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  env: Record<string, string>;
  objects: Map<string, Buffer>;
  misbehave: Map<string, Misbehaviour>;
  /** Requests by kind ("LIST", "GET key", "HEAD key"), in order. */
  requests: string[];
  /** Body bytes sent, by key. */
  sent: Map<string, number>;
  /** Answer listings with 403 AccessDenied, as a key without s3:ListBucket gets. */
  denyListing: boolean;
  /** Answer every PUT with 403 AccessDenied, as a read-only key (no s3:PutObject) gets. */
  denyWrites: boolean;
  close(): Promise<void>;
}

/** Bytes an endless body sends at most before it only trickles, so a failing test cannot fill the disk. */
const ENDLESS_FAST_BYTES = 32 * 1024 * 1024;

const xmlEscape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function startFakeS3(bucket = "media"): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const misbehave = new Map<string, Misbehaviour>();
  const requests: string[] = [];
  const sent = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const count = (key: string, n: number) => sent.set(key, (sent.get(key) ?? 0) + n);

  function list(url: URL, res: ServerResponse): void {
    requests.push("LIST");
    if (fake.denyListing) {
      res
        .writeHead(403, { "content-type": "application/xml" })
        .end("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
      return;
    }
    const prefix = url.searchParams.get("prefix") ?? "";
    const after = url.searchParams.get("start-after") ?? "";
    const max = Math.min(1000, Number(url.searchParams.get("max-keys") ?? 1000));
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map(
        (k) =>
          `<Contents><Key>${xmlEscape(k)}</Key><Size>${objects.get(k)!.length}</Size></Contents>`,
      )
      .join("");
    const body =
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name>` +
      `<Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
      `<IsTruncated>${truncated}</IsTruncated>` +
      `${contents}</ListBucketResult>`;
    res.writeHead(200, { "content-type": "application/xml" }).end(body);
  }

  function endless(key: string, res: ServerResponse): void {
    res.writeHead(200, { "content-type": "image/png" });
    const chunk = Buffer.alloc(64 * 1024);
    objects.get(key)!.copy(chunk, 0, 0, 8);
    const push = () => {
      if (res.destroyed) return;
      if ((sent.get(key) ?? 0) >= ENDLESS_FAST_BYTES) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          count(key, 1);
          res.write(Buffer.alloc(1), () => push());
        }, 1000);
        timers.add(timer);
        return;
      }
      count(key, chunk.length);
      res.write(chunk, () => setImmediate(push));
    };
    push();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    if (!path.startsWith(`/${bucket}`)) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === "GET" && url.searchParams.get("list-type") === "2") {
      list(url, res);
      return;
    }
    const key = path.slice(bucket.length + 2);
    requests.push(`${req.method} ${key}`);
    if (req.method === "PUT" && fake.denyWrites) {
      req.resume();
      req.on("end", () => {
        res
          .writeHead(403, { "content-type": "application/xml" })
          .end("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
      });
      return;
    }
    if (req.method === "PUT") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        if (objects.has(key) && req.headers["if-none-match"] === "*") {
          res.writeHead(412).end();
          return;
        }
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200).end();
      });
      return;
    }
    const data = objects.get(key);
    if (data === undefined || (req.method !== "GET" && req.method !== "HEAD")) {
      res
        .writeHead(404, { "content-type": "application/xml" })
        .end("<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>");
      return;
    }
    const odd = misbehave.get(key);
    if (req.method === "HEAD") {
      const length = odd?.kind === "length" ? odd.contentLength : data.length;
      res.writeHead(200, { "content-length": String(length) }).end();
      return;
    }
    if (odd?.kind === "endless") return endless(key, res);
    if (odd?.kind === "stall") {
      res.writeHead(200, { "content-length": String(data.length) });
      count(key, odd.afterBytes);
      res.write(data.subarray(0, odd.afterBytes));
      return; // and never another byte: the socket stays open until the server closes
    }
    if (odd?.kind === "length") {
      res.writeHead(200, { "content-length": String(odd.contentLength) });
      const body = Buffer.concat([data, Buffer.alloc(odd.contentLength - data.length)]);
      count(key, body.length);
      res.end(body);
      return;
    }
    count(key, data.length);
    res.writeHead(200, { "content-length": String(data.length) }).end(data);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const fake: FakeS3 = {
    endpoint,
    bucket,
    env: {
      AWS_ACCESS_KEY_ID: "FAKE",
      AWS_SECRET_ACCESS_KEY: "FAKE",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_S3: endpoint,
    },
    objects,
    misbehave,
    requests,
    sent,
    denyListing: false,
    denyWrites: false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
