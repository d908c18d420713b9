/**
 * Property tests (fast-check) for the two places where arbitrary input meets the core:
 * - the API response parsers and the client around them: any bytes, any JSON, any status code →
 *   a typed result or a typed RenderError, never another exception;
 * - the scheduler's pool, under every interleaving fast-check's scheduler can produce: never more
 *   than `limit` workers at once, no item lost or run twice, nothing left running when it returns.
 * The manifest loader has its own property test in src/manifest/load.property.test.ts.
 */
import fc from "fast-check";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/render/api/client.js";
import {
  parseCreateResponse,
  parseStatusResponse,
  saysKeyReused,
  serverMessage,
} from "../../src/render/api/schema.js";
import { RenderError } from "../../src/render/errors.js";
import { RetryBudget } from "../../src/net/retry.js";
import { runPool } from "../../src/util/pool.js";
import { recordingSleep } from "../support/recording-sleep.js";
import { startScriptedServer } from "../support/scripted-server.js";
import type { Reply, ScriptedServer } from "../support/scripted-server.js";

/** Bodies near the contract (where parsers break) as well as far from it. */
const jobLike = fc.record(
  {
    id: fc.oneof(
      fc.string(),
      fc.stringMatching(/^gen_[a-z0-9]{1,12}$/),
      fc.integer(),
      fc.constant(null),
    ),
    status: fc.oneof(
      fc.constantFrom("queued", "running", "succeeded", "failed", "canceled", "quarantined", ""),
      fc.string(),
      fc.integer(),
    ),
    url: fc.oneof(fc.webUrl(), fc.string(), fc.constant(null), fc.integer()),
    error: fc.oneof(fc.string(), fc.record({ message: fc.string() }), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  jobLike.map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("utf8")),
);

describe("the API response parsers", () => {
  it("answer a typed value or a problem for any text, and never throw", () => {
    fc.assert(
      fc.property(anyText, fc.string(), (text, expectedId) => {
        const created = parseCreateResponse(text);
        if (created.ok) {
          expect(created.value.id).toMatch(/^[\w.:~-]{1,200}$/);
        } else expect(typeof created.problem).toBe("string");

        const status = parseStatusResponse(text, expectedId);
        if (status.ok) {
          expect(status.value.id).toBe(expectedId);
          expect(status.value.status.length).toBeGreaterThan(0);
          if (status.value.status === "succeeded") expect(typeof status.value.url).toBe("string");
        } else expect(status.problem.length).toBeGreaterThan(0);

        const message = serverMessage(text);
        expect(message === undefined || typeof message === "string").toBe(true);
        expect(typeof saysKeyReused(text)).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the API client over HTTP", () => {
  let server: ScriptedServer;
  let next: Reply = { status: 200 };
  const dispatcher = new Agent();
  beforeAll(async () => {
    server = await startScriptedServer(() => next);
  });
  afterAll(async () => {
    await server.close();
    await dispatcher.close();
  });

  it("turns any status code and body into a result or a RenderError, never anything else", async () => {
    const statusCodes = fc.constantFrom(
      200,
      201,
      202,
      204,
      301,
      302,
      400,
      401,
      402,
      403,
      404,
      408,
      409,
      410,
      418,
      422,
      429,
      500,
      502,
      503,
    );
    await fc.assert(
      fc.asyncProperty(statusCodes, anyText, fc.boolean(), async (status, body, create) => {
        next = status === 204 ? { status } : { status, body, headers: { "retry-after": "0" } };
        const client = createApiClient({
          baseUrl: `${server.origin}/v1`,
          apiKey: "sk_prop_key_0123456789",
          dispatcher,
          retryBudget: new RetryBudget(),
          sleep: recordingSleep().sleep,
          maxAttempts: 2,
        });
        const outcome = await (
          create
            ? client.create({ type: "image", model: "m", prompt: "p" }, "af1-prop")
            : client.status("gen_prop")
        ).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ("error" in outcome) {
          expect(outcome.error, String(outcome.error)).toBeInstanceOf(RenderError);
          expect((outcome.error as Error).message).not.toContain("sk_prop_key_0123456789");
        } else {
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(300);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("the scheduler's pool", () => {
  it("under any interleaving: at most `limit` at once, nothing lost or repeated, nothing left running", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.record({ steps: fc.nat(3), fails: fc.nat(9).map((n) => n === 0) }), {
          maxLength: 25,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.nat(25)),
        async (s, items, limit, stopAfter) => {
          let running = 0;
          let peak = 0;
          const started: number[] = [];
          const finished: number[] = [];
          const pool = runPool(
            items.map((item, index) => ({ ...item, index })),
            limit,
            async ({ steps, fails, index }) => {
              started.push(index);
              running += 1;
              peak = Math.max(peak, running);
              try {
                for (let i = 0; i < steps; i += 1)
                  await s.schedule(Promise.resolve(), `${index}.${i}`);
                if (fails) throw new Error(`item ${index} failed`);
              } finally {
                running -= 1;
                finished.push(index);
              }
            },
            () => stopAfter === null || started.length < stopAfter,
          ).then(
            (value) => ({ value }),
            (error: unknown) => ({ error, runningAtRejection: running }),
          );
          const outcome = await s.waitFor(pool);

          expect(peak).toBeLessThanOrEqual(limit);
          expect(running).toBe(0);
          expect(new Set(started).size).toBe(started.length);
          expect([...finished].sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
          if ("error" in outcome) {
            // The first failure, reported only once everything in flight had settled.
            expect(outcome.runningAtRejection).toBe(0);
            expect(items[started.find((i) => items[i]?.fails) ?? -1]?.fails).toBe(true);
          } else {
            const never = outcome.value.notStarted.map((i) => i.index);
            expect([...started, ...never].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
            if (stopAfter === null) expect(never).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
