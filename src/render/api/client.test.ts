import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { recordingSleep } from "../../../test/support/recording-sleep.js";
import type { Reply, Script } from "../../../test/support/scripted-server.js";
import { inOrder, startScriptedServer } from "../../../test/support/scripted-server.js";
import type { ApiClientOptions } from "./client.js";
import { createApiClient } from "./client.js";
import {
  ApiAuthError,
  ApiCreditsError,
  ApiRejectedError,
  ApiUnavailableError,
  KEY_REUSED_MESSAGE,
  ProtocolError,
} from "../errors.js";
import { RetryBudget, THROTTLED_WAITS } from "../../net/retry.js";

const KEY = "sk_test_very_secret_key";
const BODY = { type: "image", model: "flux-1.1-pro", prompt: "a cat" };
const NOW = Date.parse("2026-04-01T12:00:00Z");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(script: Script, overrides: Partial<ApiClientOptions> = {}) {
  const server = await startScriptedServer(script);
  const agent = new Agent({ connections: 4 });
  cleanups.push(() => agent.close(), server.close);
  const recorder = recordingSleep();
  const client = createApiClient({
    baseUrl: `${server.origin}/v1/`,
    apiKey: KEY,
    dispatcher: agent,
    retryBudget: new RetryBudget(),
    sleep: recorder.sleep,
    now: () => NOW,
    random: () => 0,
    requestTimeoutMs: 2_000,
    ...overrides,
  });
  return { client, server, waits: recorder.waits };
}

const created: Reply = { status: 201, body: { id: "gen_1", status: "queued", extra: { x: 1 } } };

describe("create", () => {
  it("POSTs the body with the key, content type and idempotency key", async () => {
    const { client, server } = await setup(inOrder(created));
    const job = await client.create(BODY, "af1-abc");
    expect(job).toEqual({ id: "gen_1", status: "queued", replayed: false });
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/generations");
    expect(request?.headers["authorization"]).toBe(`Bearer ${KEY}`);
    expect(request?.headers["idempotency-key"]).toBe("af1-abc");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual(BODY);
  });

  it("retries a reset after the server created the job with the same key: one job", async () => {
    const jobsByKey = new Map<string, string>();
    const { client, server } = await setup((request) => {
      const key = String(request.headers["idempotency-key"]);
      const existing = jobsByKey.get(key);
      if (existing) {
        return { status: 200, headers: { "idempotent-replayed": "true" }, body: { id: existing } };
      }
      jobsByKey.set(key, `gen_${jobsByKey.size + 1}`);
      return { reset: true };
    });
    const job = await client.create(BODY, "af1-abc");
    expect(job).toEqual({ id: "gen_1", replayed: true });
    expect(jobsByKey.size).toBe(1);
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "af1-abc",
      "af1-abc",
    ]);
  });

  it("retries 409 in progress with the same key", async () => {
    const conflict: Reply = {
      status: 409,
      body: { error: { code: "in-progress", message: "Idempotency-Key still being processed" } },
    };
    const { client, server } = await setup(inOrder(conflict, conflict, created));
    expect((await client.create(BODY, "af1-abc")).id).toBe("gen_1");
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.headers["idempotency-key"]))).toEqual(
      new Set(["af1-abc"]),
    );
  });

  it("fails a reused key with 422 clearly, without retrying", async () => {
    const { client, server } = await setup(
      inOrder({
        status: 422,
        body: { error: { code: "key-reused", message: "already used with a different body" } },
      }),
    );
    const error = await client.create(BODY, "af1-abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRejectedError);
    expect((error as ApiRejectedError).keyReused).toBe(true);
    expect((error as Error).message).toContain(KEY_REUSED_MESSAGE);
    expect(server.requests).toHaveLength(1);
  });

  it("fails a 400 with the server's message and no retry", async () => {
    const { client, server } = await setup(
      inOrder({ status: 400, body: { error: "width must be at most 4096" } }),
    );
    await expect(client.create(BODY, "af1-abc")).rejects.toThrow(
      new ApiRejectedError(400, "width must be at most 4096"),
    );
    expect(server.requests).toHaveLength(1);
  });

  it("turns 401, 403 and 402 into typed errors that never echo the key", async () => {
    for (const [status, type] of [
      [401, ApiAuthError],
      [403, ApiAuthError],
      [402, ApiCreditsError],
    ] as const) {
      const { client } = await setup(inOrder({ status, body: { error: `bad key ${KEY}` } }));
      const error = await client.create(BODY, "af1-abc").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it("honours Retry-After on 429 in seconds and HTTP-date form, and backs off on garbage", async () => {
    const tooMany = (retryAfter: string): Reply => ({
      status: 429,
      headers: { "retry-after": retryAfter },
    });
    const { client, waits } = await setup(
      inOrder(
        tooMany("3"),
        tooMany("Wed, 01 Apr 2026 12:00:05 GMT"),
        tooMany("garbage"),
        tooMany("-1"),
        tooMany("99999"),
        created,
      ),
      { random: () => 0.5 },
    );
    await client.create(BODY, "af1-abc");
    // Retry-After is a floor plus up to a quarter of jitter; garbage falls back to backoff
    // (base 250 ms doubling per counted failure, times random 0.5: the paced waits before it do
    // not count); huge values are cut to the 120 s cap.
    expect(waits).toEqual([3_375, 5_625, 125, 250, 135_000]);
  });

  it("a 429 with Retry-After paces the request: neither its attempts nor the run's budget are spent, up to THROTTLED_WAITS", async () => {
    const tooMany: Reply = { status: 429, headers: { "retry-after": "1" } };
    const paced = await setup(inOrder(...Array<Reply>(12).fill(tooMany), created), {
      maxAttempts: 3,
      retryBudget: new RetryBudget({ reserve: 0, ratio: 0 }),
    });
    await paced.client.create(BODY, "af1-abc");
    expect(paced.server.requests).toHaveLength(13);
    expect(paced.waits).toHaveLength(12);
    expect(paced.waits.every((w) => w >= 1_000 && w <= 1_250)).toBe(true);

    // A server that answers 429 for ever: THROTTLED_WAITS paced waits, then the 429s count as
    // failures, so the request still ends, after the attempts allowed.
    const forever = await setup(inOrder(tooMany), { maxAttempts: 3 });
    const error = await forever.client.create(BODY, "af1-abc").catch((e: unknown) => e);
    expect((error as ApiUnavailableError).reason).toBe("attempts");
    expect(forever.server.requests).toHaveLength(THROTTLED_WAITS + 3);
  });

  it("gives up with ApiUnavailableError after the attempts allowed", async () => {
    const { client, server } = await setup(inOrder({ status: 503 }), { maxAttempts: 3 });
    const error = await client.create(BODY, "af1-abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as ApiUnavailableError).reason).toBe("attempts");
    expect(server.requests).toHaveLength(3);
  });

  it("stops retrying once the run's shared budget is spent", async () => {
    const retryBudget = new RetryBudget({ reserve: 2, ratio: 0 });
    const { client, server } = await setup(inOrder({ status: 503 }), { retryBudget });
    const first = await client.create(BODY, "af1-a").catch((e: unknown) => e);
    const second = await client.create(BODY, "af1-b").catch((e: unknown) => e);
    expect((first as ApiUnavailableError).reason).toBe("budget");
    expect((second as ApiUnavailableError).reason).toBe("budget");
    // 2 retries in the whole run: a, a, a, then b once.
    expect(server.requests).toHaveLength(4);
  });

  it("retries a malformed answer a few times, then reports a ProtocolError", async () => {
    const { client, server } = await setup(inOrder({ status: 201, body: "<html>oops</html>" }));
    await expect(client.create(BODY, "af1-abc")).rejects.toBeInstanceOf(ProtocolError);
    expect(server.requests).toHaveLength(3);
  });

  it("refuses an oversized answer without reading it all", async () => {
    const huge = { status: 201, body: { id: "gen_1", pad: "x".repeat(2 * 1024 * 1024) } };
    const { client } = await setup(inOrder(huge));
    await expect(client.create(BODY, "af1-abc")).rejects.toThrow(/larger than/);
  });

  it("never sends a POST without a key", async () => {
    const { client, server } = await setup(inOrder(created));
    await expect(client.create(BODY, "")).rejects.toThrow(/idempotency key/);
    expect(server.requests).toHaveLength(0);
  });

  it("times out a black-holed request and retries it", async () => {
    const { client, server } = await setup(inOrder({ hang: true }, created), {
      requestTimeoutMs: 200,
    });
    expect((await client.create(BODY, "af1-abc")).id).toBe("gen_1");
    expect(server.requests).toHaveLength(2);
  });

  it("refuses plain http to a non-loopback API", () => {
    const options = { apiKey: KEY, dispatcher: new Agent(), retryBudget: new RetryBudget() };
    expect(() => createApiClient({ ...options, baseUrl: "http://api.example.com/v1" })).toThrow(
      /https/,
    );
  });
});

describe("status", () => {
  it("parses the job, Retry-After and Preference-Applied, and sends Prefer: wait", async () => {
    const { client, server } = await setup(
      inOrder({
        status: 200,
        headers: { "retry-after": "2", "preference-applied": "wait=20" },
        body: { id: "gen_1", status: "running", progress: 0.5 },
      }),
    );
    const answer = await client.status("gen_1", { preferWaitSeconds: 20 });
    expect(answer).toEqual({
      job: { id: "gen_1", status: "running" },
      retryAfterMs: 2_000,
      preferenceApplied: true,
    });
    expect(server.requests[0]?.headers["prefer"]).toBe("wait=20");
    expect(server.requests[0]?.path).toBe("/v1/generations/gen_1");
  });

  it("scrubs the key out of a failed job's error", async () => {
    const { client } = await setup(
      inOrder({ body: { id: "gen_1", status: "failed", error: { message: `no ${KEY}` } } }),
    );
    const { job } = await client.status("gen_1");
    expect(job.error).toBe("no [redacted]");
  });

  it("treats succeeded without a url as malformed", async () => {
    const { client } = await setup(inOrder({ body: { id: "gen_1", status: "succeeded" } }));
    await expect(client.status("gen_1")).rejects.toThrow(/url/);
  });
});
