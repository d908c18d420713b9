/**
 * Issue 5, item 5: downloads cut short or not what they claim. A cut connection or a body shorter
 * than its Content-Length is retried; HTML where a PNG should be, or a body past the size cap, is
 * refused. Either way the output path holds its old bytes or the verified new ones, never a part.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import { downloadResult } from "../../src/render/download/download.js";
import { DownloadError } from "../../src/render/errors.js";
import { tempDir } from "../support/temp-dir.js";
import { someAssets } from "../support/render-repo.js";
import { recordingSleep } from "../support/recording-sleep.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench, QUICK, SECRET } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

describe("downloads cut short", () => {
  it.each([
    ["a reset mid-body", { truncateDownload: 0.5 }],
    ["fewer bytes than Content-Length", { shortContentLength: 0.5 }],
    ["both, often", { truncateDownload: 0.4, shortContentLength: 0.4 }],
  ])("%s: retried until the bytes verify; nothing partial is left", async (_label, faults) => {
    b = await bench(someAssets(8), { faults });
    const result = await b.run({}, { sleep: recordingSleep().sleep });
    const fired =
      (b.emulator.ledger.faultsInjected.truncateDownload ?? 0) +
      (b.emulator.ledger.faultsInjected.shortContentLength ?? 0);
    expect(fired).toBeGreaterThan(0);
    // Whatever the dice said, each asset either verified or failed saying the body was short;
    // a failed one is picked up (same job) by the next run once the network behaves.
    const failed = result.assets.filter((a) => a.status === "failed");
    for (const a of failed)
      expect(a.error).toMatch(/download failed: .*(connection lost|got \d+ of \d+ bytes)/);
    if (failed.length > 0) {
      b.emulator.setFaults({ truncateDownload: 0, shortContentLength: 0 });
      await b.run();
    }
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(8);
  });
});

describe("a body that is not the file it claims to be", () => {
  it("HTML instead of PNG magic: the asset fails, the old output stays byte for byte, the next run fixes it with the same job", async () => {
    b = await bench(someAssets(3));
    await b.run();
    const before = await b.repo.sha256("public/asset/1.png");
    // Change every prompt, then serve HTML: the old outputs must survive untouched.
    await b.repo.writeManifest(someAssets(3).map((a) => ({ ...a, prompt: `${a.prompt}, blue` })));
    b.emulator.setFaults({ wrongMagic: 1 });
    const bad = await b.run();
    for (const a of bad.assets) {
      expect(a.status).toBe("failed");
      expect(a.error).toMatch(/download failed: expected image PNG \(\.png\), got/);
    }
    expect(await b.repo.sha256("public/asset/1.png")).toBe(before);
    await b.check({
      failed: Object.fromEntries(bad.assets.map((a) => [a.id, /expected image PNG/])),
    });

    b.emulator.setFaults({ wrongMagic: 0 });
    const good = await b.run();
    expect(good.counts).toMatchObject({ rendered: 3, failed: 0 });
    // 3 jobs for the first prompts, 3 for the new ones: the refused downloads were resumed.
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(6);
  });
});

describe("a body over the size cap", () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("is refused as soon as it passes the cap, with or without Content-Length; nothing is written", async () => {
    emulator = await startEmulator({ apiKey: SECRET, durations: QUICK });
    const dir = await tempDir("af-cap-");
    const target = join(dir, "out.png");
    await writeFile(target, "old bytes");
    const url = await finishedJobUrl(emulator, 5000);
    const dispatcher = new Agent();
    try {
      // Chunked, no length: refused mid-stream.
      emulator.setFaults({ oversizeBody: 3_000_000 });
      const chunked = downloadResult(url, target, {
        type: "image",
        extension: ".png",
        maxBytes: 1_000_000,
        within: dir,
        dispatcher,
      });
      await expect(chunked).rejects.toBeInstanceOf(DownloadError);
      await expect(chunked).rejects.toThrow(
        /larger than the 1000000-byte cap \(the body went past it\)/,
      );
      // With a Content-Length: refused before the body is read.
      emulator.setFaults({ oversizeBody: 0 });
      const declared = downloadResult(url, target, {
        type: "image",
        extension: ".png",
        maxBytes: 64,
        within: dir,
        dispatcher,
      });
      await expect(declared).rejects.toThrow(/larger than the 64-byte cap \(Content-Length says/);
      expect(await readFile(target, "utf8")).toBe("old bytes");
      expect(await readdir(dir)).toEqual(["out.png"]);
    } finally {
      await dispatcher.close();
    }
  });
});

/** Create a job straight on the emulator and wait for its result URL. */
async function finishedJobUrl(emulator: Emulator, bytes: number): Promise<string> {
  const headers = { authorization: `Bearer ${SECRET}`, "content-type": "application/json" };
  const created = (await (
    await fetch(`${emulator.apiUrl}/generations`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": "cap-test" },
      body: JSON.stringify({
        type: "image",
        model: "m",
        prompt: "cap",
        width: 40,
        height: 40,
        bytes,
      }),
    })
  ).json()) as { id: string };
  for (;;) {
    const job = (await (
      await fetch(`${emulator.apiUrl}/generations/${created.id}`, {
        headers: { ...headers, prefer: "wait=5" },
      })
    ).json()) as { status: string; url?: string };
    if (job.url) return job.url;
  }
}
