import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { create, download, getStatus, IMAGE, render } from "../../test/support/emulator-client.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ seed: 11 });
});
afterEach(async () => {
  await emulator.close();
});

/** A GET that reports what actually arrived, even when the server cuts the body short. */
function rawGet(
  url: string,
): Promise<{ headers: Record<string, unknown>; body: Buffer; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("error", () => undefined);
      res.on("close", () => {
        resolve({ headers: res.headers, body: Buffer.concat(parts), cut: !res.complete });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function finishedUrl(): Promise<{ url: string; sha256: string; size: number }> {
  const done = await render(emulator, IMAGE);
  const job = emulator.ledger.jobs()[0];
  return { url: String(done.json.url), sha256: job?.sha256 ?? "", size: job?.size ?? 0 };
}

describe("create faults", () => {
  it("resetAfterCreate: the job exists, the answer is lost, a retry with the key finds it", async () => {
    emulator.setFaults({ resetAfterCreate: 1 });
    await expect(create(emulator, IMAGE, { idempotencyKey: "r" })).rejects.toThrow();
    expect(emulator.ledger.jobsByKey("r")).toHaveLength(1);
    const retry = await create(emulator, IMAGE, { idempotencyKey: "r" });
    expect(retry.status).toBe(200);
    expect(retry.json.id).toBe(emulator.ledger.jobsByKey("r")[0]?.id);
    expect(emulator.ledger.faultsInjected.resetAfterCreate).toBe(1);
  });

  it.each(["2", "Wed, 21 Oct 2015 07:28:00 GMT", "0", "-1", "garbage", "999999"])(
    "create429 and create5xx send Retry-After %j literally and create nothing",
    async (retryAfter) => {
      emulator.setFaults({ create429: 1, retryAfter });
      const limited = await create(emulator, IMAGE);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe(retryAfter);
      emulator.setFaults({ create429: 0, create5xx: 1 });
      const unavailable = await create(emulator, IMAGE);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe(retryAfter);
      expect(emulator.ledger.jobs()).toHaveLength(0);
    },
  );

  it("replay500: the first answer is a 500 and retries with the key replay it", async () => {
    emulator.setFaults({ replay500: 1 });
    expect((await create(emulator, IMAGE, { idempotencyKey: "e" })).status).toBe(500);
    emulator.setFaults({ replay500: 0 });
    const replay = await create(emulator, IMAGE, { idempotencyKey: "e" });
    expect(replay.status).toBe(500);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(emulator.ledger.jobs()).toHaveLength(0);
  });

  it("conflict409: answers in progress without creating; a later retry creates", async () => {
    emulator.setFaults({ conflict409: 1 });
    expect((await create(emulator, IMAGE, { idempotencyKey: "c" })).status).toBe(409);
    expect(emulator.ledger.jobs()).toHaveLength(0);
    emulator.setFaults({ conflict409: 0 });
    expect((await create(emulator, IMAGE, { idempotencyKey: "c" })).status).toBe(201);
  });

  it("authFail, forbidden and outOfCredits answer 401, 403 and 402", async () => {
    emulator.setFaults({ authFail: 1 });
    expect((await create(emulator, IMAGE)).status).toBe(401);
    emulator.setFaults({ authFail: 0, forbidden: 1 });
    expect((await create(emulator, IMAGE)).status).toBe(403);
    emulator.setFaults({ forbidden: 0, outOfCredits: 1 });
    expect((await create(emulator, IMAGE)).status).toBe(402);
    expect(emulator.ledger.jobs()).toHaveLength(0);
  });

  it("rateLimitPerSecond: requests beyond the limit in a second answer 429", async () => {
    emulator.setFaults({ rateLimitPerSecond: 3 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => getStatus(emulator, "gen_missing")),
    );
    expect(answers.filter((a) => a.status === 429)).toHaveLength(3);
  });

  it("slowMs delays the answer", async () => {
    emulator.setFaults({ slowMs: 200 });
    const started = Date.now();
    await create(emulator, IMAGE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("blackHole accepts the connection and never answers", async () => {
    emulator.setFaults({ blackHole: "api" });
    await expect(
      fetch(`${emulator.apiUrl}/generations/x`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(emulator.ledger.faultsInjected.blackHole).toBe(1);
  });

  it("rejects unknown switches and negative values", () => {
    expect(() => emulator.setFaults({ nope: 1 } as never)).toThrow(/Unknown fault/);
    expect(() => emulator.setFaults({ failJob: -1 })).toThrow(RangeError);
  });

  it("draws from the seed: the same seed fires on the same requests", async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const other = await startEmulator({ seed, faults: { create429: 0.5 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++)
          statuses.push((await create(other, { ...IMAGE, n: i })).status);
        return statuses;
      } finally {
        await other.close();
      }
    };
    const first = await pattern(5);
    expect(first).toContain(429);
    expect(first).toContain(201);
    expect(await pattern(5)).toEqual(first);
    expect(await pattern(6)).not.toEqual(first);
  });
});

describe("status faults", () => {
  it("status429 and status5xx answer 429 and 503", async () => {
    const { json } = await create(emulator, IMAGE);
    emulator.setFaults({ status429: 1 });
    expect((await getStatus(emulator, String(json.id))).status).toBe(429);
    emulator.setFaults({ status429: 0, status5xx: 1 });
    expect((await getStatus(emulator, String(json.id))).status).toBe(503);
  });

  it.each([
    ["failJob", "failed"],
    ["cancelJob", "canceled"],
    ["unknownStatus", "quarantined"],
  ] as const)("%s ends the job %s", async (fault, status) => {
    emulator.setFaults({ [fault]: 1 });
    const done = await render(emulator, IMAGE);
    expect(done.json.status).toBe(status);
    expect(done.json.url).toBeUndefined();
    expect(emulator.ledger.jobs()[0]?.status).toBe(status);
  });

  it("neverFinish keeps the job running", async () => {
    emulator.setFaults({ neverFinish: 1 });
    const { json } = await create(emulator, IMAGE);
    emulator.advanceClock(24 * 60 * 60 * 1000);
    expect((await getStatus(emulator, String(json.id))).json.status).toBe("running");
  });

  it("malformedStatusBody answers 200 with something that is not the contract", async () => {
    const { json } = await create(emulator, IMAGE);
    emulator.setFaults({ malformedStatusBody: 1 });
    for (let i = 0; i < 5; i++) {
      const answer = await getStatus(emulator, String(json.id));
      expect(answer.status).toBe(200);
      const valid = typeof answer.json.id === "string" && typeof answer.json.status === "string";
      expect(valid).toBe(false);
    }
  });

  it("redirectResultTo puts another URL in the answer", async () => {
    emulator.setFaults({ redirectResultTo: "http://169.254.169.254/latest/meta-data/" });
    expect((await render(emulator, IMAGE)).json.url).toBe(
      "http://169.254.169.254/latest/meta-data/",
    );
  });
});

describe("download faults", () => {
  it("truncateDownload sends about half the body, then drops the connection", async () => {
    const { url, size } = await finishedUrl();
    emulator.setFaults({ truncateDownload: 1 });
    const got = await rawGet(url);
    expect(Number(got.headers["content-length"])).toBe(size);
    expect(got.body.length).toBe(Math.floor(size / 2));
    expect(got.cut).toBe(true);
  });

  it("shortContentLength sends fewer bytes than Content-Length and closes", async () => {
    const { url, size } = await finishedUrl();
    emulator.setFaults({ shortContentLength: 1 });
    const got = await rawGet(url);
    expect(Number(got.headers["content-length"])).toBe(size);
    expect(got.body.length).toBeLessThan(size);
    expect(got.body.length).toBeGreaterThan(size / 2);
    expect(got.cut).toBe(true);
  });

  it("wrongMagic replaces the file's first bytes with an HTML doctype", async () => {
    const { url, size } = await finishedUrl();
    emulator.setFaults({ wrongMagic: 1 });
    const bytes = await download(url);
    expect(bytes.length).toBe(size);
    expect(bytes.subarray(0, 15).toString()).toBe("<!DOCTYPE html>");
    emulator.setFaults({ wrongMagic: 0 });
    expect((await download(url)).subarray(1, 4).toString()).toBe("PNG");
  });

  it("oversizeBody streams that many bytes without a Content-Length", async () => {
    const { url } = await finishedUrl();
    emulator.setFaults({ oversizeBody: 3_000_000 });
    const got = await rawGet(url);
    expect(got.headers["content-length"]).toBeUndefined();
    expect(got.headers["transfer-encoding"]).toBe("chunked");
    expect(got.body.length).toBe(3_000_000);
  });

  it("redirectDownloadTo answers 302 to the given URL", async () => {
    const { url } = await finishedUrl();
    emulator.setFaults({ redirectDownloadTo: "http://169.254.169.254/" });
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://169.254.169.254/");
  });

  it("blackHole results: the API answers, downloads never do", async () => {
    const { url } = await finishedUrl();
    emulator.setFaults({ blackHole: "results" });
    await expect(fetch(url, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await getStatus(emulator, "gen_missing")).status).toBe(404);
  });
});
