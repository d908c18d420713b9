import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { EmulatorContext } from "./context.js";
import { handleCreate } from "./create-handler.js";
import { bearerToken, Exchange } from "./http-util.js";
import { handleStatus } from "./status-handler.js";
import type { RequestKind } from "./types.js";

type Route =
  | { kind: "create" }
  | { kind: "status"; id: string }
  | { kind: "models" }
  | { kind: "credits" }
  | { kind: "other"; allow?: string };

function route(method: string | undefined, pathname: string): Route {
  if (pathname === "/v1/generations") {
    return method === "POST" ? { kind: "create" } : { kind: "other", allow: "POST" };
  }
  if (pathname === "/v1/models" || pathname === "/v1/credits") {
    const kind = pathname === "/v1/models" ? "models" : "credits";
    return method === "GET" ? { kind } : { kind: "other", allow: "GET" };
  }
  const match = /^\/v1\/generations\/([^/]+)$/.exec(pathname);
  if (match?.[1] !== undefined) {
    const id = decodeURIComponent(match[1]);
    return method === "GET" ? { kind: "status", id } : { kind: "other", allow: "GET" };
  }
  return { kind: "other" };
}

/** Counts API requests in the last second, for the `rateLimitPerSecond` switch. */
class RateWindow {
  #arrivals: number[] = [];

  exceeded(limit: number, now: number): boolean {
    if (!(limit > 0)) return false;
    this.#arrivals = this.#arrivals.filter((at) => now - at < 1000);
    this.#arrivals.push(now);
    return this.#arrivals.length > limit;
  }
}

/**
 * The API origin: POST /v1/generations and GET /v1/generations/{id}, and when credits are
 * switched on GET /v1/models and GET /v1/credits.
 */
export function createApiServer(ctx: EmulatorContext): Server {
  const window = new RateWindow();
  return createServer((req, res) => {
    handle(ctx, window, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
}

async function handle(
  ctx: EmulatorContext,
  window: RateWindow,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  const target = route(req.method, pathname);
  const kind: RequestKind | "other" = target.kind;
  const ex = new Exchange(req, res, ctx.ledger.arrived(kind, ctx.clock.now()), ctx.ledger);
  const { blackHole, rateLimitPerSecond } = ctx.faults.current;
  if (blackHole === true || blackHole === "api") {
    // Never answered; close() destroys the socket.
    ctx.faults.note("blackHole");
    return;
  }
  if (target.kind === "other") {
    if (target.allow !== undefined) {
      ex.refuse(405, "method-not-allowed", `Use ${target.allow} here.`, { Allow: target.allow });
    } else {
      ex.refuse(404, "not-found", `No route for ${req.method} ${pathname}.`);
    }
    return;
  }
  if (window.exceeded(rateLimitPerSecond, Date.now())) {
    ctx.faults.note("rateLimitPerSecond");
    ex.refuse(429, "rate-limited", `More than ${rateLimitPerSecond} requests in a second.`, {
      "Retry-After": "1",
    });
    return;
  }
  if (!authorised(ctx, ex)) return;
  if (target.kind === "create") await handleCreate(ctx, ex);
  else if (target.kind === "status") await handleStatus(ctx, ex, target.id);
  else answerCredits(ctx, ex, target.kind);
}

function authorised(ctx: EmulatorContext, ex: Exchange): boolean {
  const challenge = { "WWW-Authenticate": 'Bearer realm="agentframer"' };
  const token = bearerToken(ex.req.headers.authorization);
  if (token === undefined) {
    ex.refuse(401, "unauthorized", "Send the API key as Authorization: Bearer <key>.", challenge);
    return false;
  }
  ctx.presentedKeys.add(token);
  if ((ctx.apiKey !== undefined && token !== ctx.apiKey) || ctx.faults.fires("authFail")) {
    ex.refuse(401, "unauthorized", "The API key is not valid.", challenge);
    return false;
  }
  if (ctx.faults.fires("forbidden")) {
    ex.refuse(403, "forbidden", "This API key may not create generations.");
    return false;
  }
  return true;
}

/** GET /v1/models and GET /v1/credits: 404, as a server without them answers, unless offered. */
function answerCredits(ctx: EmulatorContext, ex: Exchange, what: "models" | "credits"): void {
  const { credits } = ctx;
  if (what === "models" && credits.offered) {
    ex.json(200, credits.models());
    return;
  }
  const balance = credits.balance;
  if (what === "credits" && balance !== undefined) {
    ex.json(200, { balance });
    return;
  }
  ex.refuse(404, "not-found", `This server does not offer GET /v1/${what}.`);
}
