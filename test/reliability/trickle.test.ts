/**
 * Issue 13, point 4: a result server that trickles. One byte every so often never trips the
 * silence timeout, and there was no overall deadline, so "the run always ends" was false. Each
 * download attempt now has a minimum rate (after a grace period) and a deadline that grows with
 * the declared size; both are the downloader's defaults in production and set small here.
 */
import { createServer } from "node:http";
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createReporter } from "../../src/render/progress/progress.js";
import { render } from "../../src/render/render.js";
import { captureStream, TestRepo } from "../support/render-repo.js";
import { filesUnder, showsKey } from "../support/reliability/invariant.js";
import { SECRET, watchedDispatcher } from "../support/reliability/setup.js";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server: Server | undefined;
let repo: TestRepo | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  await repo?.remove();
  server = repo = undefined;
});

/**
 * An API whose one job succeeds at once, and a result that `serve` sends as it likes. Counts the
 * download attempts it saw.
 */
async function startSlowResults(
  serve: (res: ServerResponse) => void,
): Promise<{ origin: string; downloads: () => number }> {
  let downloads = 0;
  let origin = "";
  server = createServer((req, res) => {
    req.resume();
    if (req.method === "POST") {
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "gen_slow" }));
    } else if (req.url?.startsWith("/v1/generations/")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "gen_slow", status: "succeeded", url: `${origin}/r/x.png` }));
    } else if (req.url?.startsWith("/v1/")) {
      // GET /models and /credits: a server without the optional credit endpoints.
      res.writeHead(404).end();
    } else {
      downloads += 1;
      serve(res);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, downloads: () => downloads };
}

async function renderAgainst(origin: string) {
  repo = await TestRepo.create([{ id: "slow", prompt: "a slow one", output: "public/slow.png" }]);
  const printed = captureStream();
  const reporter = createReporter({ stream: printed, interactive: false, color: false });
  try {
    const result = await render(
      repo.config({ apiKey: SECRET, emulator: false, apiUrl: `${origin}/v1` }),
      {
        reporter,
        createDispatcher: watchedDispatcher().createDispatcher,
        // The silence timeout is far longer than any gap below: only the pace can end these.
        requestTimeoutMs: 20_000,
        downloadPace: { graceMs: 200, minBytesPerSecond: 2_000 },
      },
    );
    return { result, printed: printed.text() };
  } finally {
    reporter.close();
  }
}

describe("a result server that never quite stops sending", () => {
  it("a byte every 50 ms: each attempt ends below the minimum rate, the asset fails, nothing partial", async () => {
    const slow = await startSlowResults((res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": "100000" });
      res.write(PNG_MAGIC);
      const drip = setInterval(() => res.write(Buffer.from([0])), 50);
      res.on("close", () => clearInterval(drip));
    });
    const { result, printed } = await renderAgainst(slow.origin);
    expect(result.assets[0]?.status).toBe("failed");
    expect(result.assets[0]?.error).toMatch(/slower than the minimum of 2000 bytes\/s/);
    // The first attempt and its three retries, each cut by the pace, then the run ended.
    expect(slow.downloads()).toBe(4);
    expect((await filesUnder(repo?.dir ?? "")).filter((f) => f.startsWith("public/"))).toEqual([]);
    expect(showsKey(printed + JSON.stringify(result), SECRET)).toBe(false);
  }, 30_000);

  it("most of the body, then silence shorter than the gap timeout: the size-aware deadline ends it", async () => {
    const slow = await startSlowResults((res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": "1000" });
      res.write(Buffer.concat([PNG_MAGIC, Buffer.alloc(900)]));
    });
    const { result } = await renderAgainst(slow.origin);
    expect(result.assets[0]?.status).toBe("failed");
    // 200 ms of grace + 1000 bytes at 2000 bytes/s.
    expect(result.assets[0]?.error).toMatch(/not finished within 0\.7 s/);
    expect(slow.downloads()).toBe(4);
    expect((await filesUnder(repo?.dir ?? "")).filter((f) => f.startsWith("public/"))).toEqual([]);
  }, 30_000);
});
