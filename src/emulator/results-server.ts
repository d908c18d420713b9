import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EmulatorContext } from "./context.js";
import { slowDown } from "./context.js";
import { Exchange } from "./http-util.js";
import type { MediaFile } from "./media-file.js";
import { zeroChunks } from "./media-file.js";
import { EXTENSIONS } from "./media.js";
import { ResultUrls } from "./result-urls.js";

const FILE_PATH = /^\/files\/([0-9a-f]{32})\/([A-Za-z0-9_]+)\.([a-z0-9]+)$/;
/** What a captive portal or a misrouted CDN would put where the file's magic bytes belong. */
const WRONG_MAGIC = Buffer.from("<!DOCTYPE html>\n");

/** The results origin: a second loopback server, so result URLs are on another origin. */
export function createResultsServer(ctx: EmulatorContext): Server {
  return createServer((req, res) => {
    serve(ctx, req, res).catch(() => res.destroy());
  });
}

async function serve(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse) {
  const ex = new Exchange(req, res, ctx.ledger.arrived("download", ctx.clock.now()), ctx.ledger);
  if (carriesApiKey(ctx, req)) ctx.ledger.keyReachedResults();
  const { blackHole, redirectDownloadTo } = ctx.faults.current;
  if (blackHole === true || blackHole === "results") {
    ctx.faults.note("blackHole");
    return;
  }
  await slowDown(ctx);
  if (redirectDownloadTo !== undefined) {
    ctx.faults.note("redirectDownloadTo");
    ex.text(302, "", "text/plain", { Location: redirectDownloadTo });
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    ex.refuse(405, "method-not-allowed", "Use GET here.", { Allow: "GET, HEAD" });
    return;
  }
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const [, secret, id, extension] = FILE_PATH.exec(url.pathname) ?? [];
  const job = id === undefined ? undefined : ctx.jobs.get(id);
  if (
    job === undefined ||
    job.secret !== secret ||
    EXTENSIONS[job.request.type] !== extension ||
    ctx.jobs.statusOf(job) !== "succeeded"
  ) {
    ex.refuse(404, "not-found", "No such file.");
    return;
  }
  const check = ctx.urls.check(
    ResultUrls.pathFor(job, extension),
    url.searchParams.get("expires"),
    url.searchParams.get("token"),
  );
  if (check !== "ok") {
    const expired = check === "expired";
    ex.refuse(403, expired ? "url-expired" : "bad-token", expired ? "URL expired." : "Bad token.");
    return;
  }
  await sendFile(ctx, ex, await ctx.jobs.mediaForDownload(job));
}

/** Authorization headers never belong here; nor does any key a client showed the API. */
function carriesApiKey(ctx: EmulatorContext, req: IncomingMessage): boolean {
  if (req.headers.authorization !== undefined) return true;
  const keys = [...ctx.presentedKeys, ...(ctx.apiKey === undefined ? [] : [ctx.apiKey])];
  const haystack = [req.url ?? "", ...req.rawHeaders].join("\n");
  // Very short keys ("x") would match by chance inside tokens, so only look for real-sized ones.
  return keys.some((key) => key.length >= 8 && haystack.includes(key));
}

async function sendFile(ctx: EmulatorContext, ex: Exchange, file: MediaFile): Promise<void> {
  const { faults } = ctx;
  const oversize = faults.current.oversizeBody;
  const truncate = oversize === 0 && faults.fires("truncateDownload");
  const short = oversize === 0 && !truncate && faults.fires("shortContentLength");
  const wrongMagic = faults.fires("wrongMagic");
  const headers: Record<string, string | number> = {
    "Content-Type": file.contentType,
    "Cache-Control": "private, max-age=600",
  };
  if (oversize > 0) faults.note("oversizeBody");
  else headers["Content-Length"] = file.size;
  // Without closing, a client would wait for the missing bytes until its own timeout.
  if (short) headers.Connection = "close";
  ex.record.httpStatus = 200;
  ex.res.writeHead(200, headers);
  if (ex.req.method === "HEAD") {
    ex.res.end();
    return;
  }
  const total = Math.max(file.size, oversize);
  const limit = truncate
    ? Math.floor(file.size / 2)
    : short
      ? file.size - Math.max(1, Math.floor(file.size / 10))
      : total;
  const body = Readable.from(bodyChunks(ctx, file, { total, limit, wrongMagic }));
  try {
    await pipeline(body, ex.res);
  } catch {
    // The client left mid-body: there is no one left to answer.
  }
  if (truncate) ex.req.socket.destroy();
}

async function* bodyChunks(
  ctx: EmulatorContext,
  file: MediaFile,
  plan: { total: number; limit: number; wrongMagic: boolean },
): AsyncGenerator<Buffer> {
  let sent = 0;
  let paused = false;
  const chunks = function* (): Generator<Buffer> {
    yield* file.chunks();
    yield* zeroChunks(plan.total - file.size);
  };
  for (let chunk of chunks()) {
    if (sent >= plan.limit) return;
    if (plan.wrongMagic && sent < WRONG_MAGIC.length) {
      chunk = Buffer.from(chunk); // chunks may be the file's own buffers: never write into them
      WRONG_MAGIC.copy(chunk, 0, sent);
    }
    if (sent + chunk.length > plan.limit) chunk = chunk.subarray(0, plan.limit - sent);
    yield chunk;
    sent += chunk.length;
    const slowMs = ctx.faults.current.slowMs;
    if (slowMs > 0 && !paused && sent >= plan.total / 2) {
      paused = true;
      await ctx.sleeper.sleep(slowMs);
    }
  }
}
