/**
 * The client, poller and downloader together against the real emulator over loopback HTTP: what
 * the server saw (its ledger) and what landed on disk.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../emulator/index.js";
import type { EmulatorOptions } from "../emulator/index.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { createApiClient } from "./api/client.js";
import { downloadResult } from "./download/download.js";
import { DurationModel } from "./polling/duration-model.js";
import { DownloadError, JobCanceledError, UrlPolicyError } from "./errors.js";
import { idempotencyKey } from "./api/idempotency-key.js";
import type { PollStats } from "./polling/poller.js";
import { pollUntilDone } from "./polling/poller.js";
import { RetryBudget, sleep } from "../net/retry.js";

const KEY = "sk_emulator_secret";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: EmulatorOptions = {}) {
  const emulator = await startEmulator({ apiKey: KEY, ...options });
  const agent = new Agent({ connections: 8 });
  cleanups.push(
    () => agent.close(),
    () => emulator.close(),
  );
  const client = createApiClient({
    baseUrl: emulator.apiUrl,
    apiKey: KEY,
    dispatcher: agent,
    retryBudget: new RetryBudget(),
    backoff: { baseMs: 10, capMs: 100, retryAfterCapMs: 100 },
  });
  const dir = await tempDir("af-engine-");
  const model = new DurationModel();
  const stats: PollStats = { requests: 0, held: 0 };

  async function render(prompt: string, file = "out.png") {
    const body = { type: "image", model: "flux-1.1-pro", prompt, width: 64, height: 64 };
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const created = await client.create(body, idempotencyKey(hash));
    const done = await pollUntilDone(client, created.id, {
      deadlineMs: Date.now() + 20_000,
      now: Date.now,
      sleep,
      model,
      kind: "image/flux-1.1-pro",
      stats,
    });
    const dest = join(dir, file);
    const bytes = await downloadResult(done.url, dest, {
      type: "image",
      extension: ".png",
      maxBytes: 10_000_000,
      within: dir,
      dispatcher: agent,
      apiOrigin: client.origin,
      retries: 3,
    });
    return { created, done, dest, bytes };
  }
  return { emulator, client, render, dir, stats, model };
}

describe("render engine against the emulator", () => {
  it("renders one job with two requests and bytes matching the ledger", async () => {
    const { emulator, render, dir, stats } = await setup();
    const { dest, bytes } = await render("a cozy reading nook");
    const [job] = emulator.ledger.jobs();
    expect(emulator.ledger.jobs()).toHaveLength(1);
    expect(bytes).toEqual({ sha256: job?.sha256, size: job?.size });
    expect(
      createHash("sha256")
        .update(await readFile(dest))
        .digest("hex"),
    ).toBe(job?.sha256);
    expect(emulator.ledger.requests.status).toBe(1);
    expect(stats.held).toBe(1);
    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(false);
    expect(await readdir(dir)).toEqual(["out.png"]);
  });

  it("gets one job per key when the server resets after creating it", async () => {
    const { emulator, render } = await setup({ faults: { resetAfterCreate: 1 } });
    const first = await render("hero");
    const again = await render("hero", "again.png");
    expect(again.created.id).toBe(first.created.id);
    expect(emulator.ledger.jobs()).toHaveLength(1);
    expect(emulator.ledger.faultsInjected.resetAfterCreate).toBeGreaterThanOrEqual(1);
  });

  it("still works, on a schedule, when the server ignores Prefer: wait", async () => {
    const { emulator, render, model } = await setup({ honourPreferWait: false });
    await render("one", "1.png");
    expect(model.preferWait).toBe("ignored");
    expect(emulator.ledger.jobs()[0]?.status).toBe("succeeded");
  });

  it("retries a truncated download and refuses wrong magic bytes", async () => {
    const cut = await setup({ faults: { truncateDownload: 0.5 } });
    for (const name of ["a", "b", "c"]) await cut.render(`cut short ${name}`, `${name}.png`);
    expect(cut.emulator.ledger.faultsInjected.truncateDownload).toBeGreaterThanOrEqual(1);
    expect(cut.emulator.ledger.requests.download).toBeGreaterThan(3);
    expect((await readdir(cut.dir)).sort()).toEqual(["a.png", "b.png", "c.png"]);

    const wrong = await setup({ faults: { wrongMagic: 1 } });
    const error = await wrong.render("html instead").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).kind).toBe("type-mismatch");
    expect(await readdir(wrong.dir)).toEqual([]);
  });

  it("refuses a result URL that points at cloud metadata, before connecting", async () => {
    const { render, dir } = await setup({
      faults: { redirectResultTo: "http://169.254.169.254/latest/meta-data/" },
    });
    await expect(render("ssrf")).rejects.toBeInstanceOf(UrlPolicyError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("ends a canceled job cleanly", async () => {
    const { render } = await setup({ faults: { cancelJob: 1 } });
    await expect(render("cancel me")).rejects.toBeInstanceOf(JobCanceledError);
  });
});
