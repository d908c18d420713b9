/**
 * Issue 13, points 6–8: what is on disk changing under a run, or lying to it.
 * - A poisoned cache entry (HTML with a consistent meta) was restored into a `.png` and locked;
 *   a restore now passes the same check as a store entry (size, SHA-256, magic bytes).
 * - An output folder swapped for a link to outside while jobs ran got the outputs written
 *   outside; the folders are now checked with lstat before the temp file and before the rename.
 * - The run lock lived in $TMPDIR, so two renders of one checkout with different TMPDIRs both
 *   ran; it now lives in `.agentframer/`, beside the journal and the cache it protects.
 */
import { createHash } from "node:crypto";
import { renameSync, symlinkSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ProgressEvent, ProgressReporter } from "../../src/render/progress/events.js";
import { tempDir } from "../support/temp-dir.js";
import { someAssets } from "../support/render-repo.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

/** A reporter that runs `act` once, on the first event of `kind`, before the run goes on. */
function onFirst(kind: ProgressEvent["kind"], act: () => void): ProgressReporter {
  let done = false;
  return {
    emit(event) {
      if (event.kind !== kind || done) return;
      done = true;
      act();
    },
    close() {},
  };
}

describe("a poisoned cache entry", () => {
  it("HTML with a consistent meta is not restored into a .png: warned, dropped, rendered", async () => {
    b = await bench(someAssets(1));
    await b.run();
    const lock = await b.repo.lock();
    const hash = lock.assets["asset-0"]?.hash ?? "";
    const entry = b.repo.path(`.agentframer/cache/${hash.slice(0, 2)}/${hash}`);
    const html = Buffer.from("<!doctype html><title>Sign in</title><p>Your session expired");
    await writeFile(entry, html);
    const meta = JSON.parse(await readFile(`${entry}.json`, "utf8")) as Record<string, unknown>;
    const sha256 = createHash("sha256").update(html).digest("hex");
    await writeFile(`${entry}.json`, JSON.stringify({ ...meta, sha256, size: html.length }));
    // The output and its lock entry are gone (a fresh clone, say): the plan restores from cache.
    await rm(b.repo.path("public/asset/0.png"));
    await b.repo.writeLock({ version: 1, assets: {} });

    const warnings: string[] = [];
    const second = await b.run(
      {},
      {
        reporter: {
          emit: (e) => void (e.kind === "warning" && warnings.push(e.message)),
          close() {},
        },
      },
    );
    expect(second.assets[0]?.status).toBe("rendered");
    expect(warnings.join("\n")).toMatch(/ignored and deleted: expected .*PNG.*, found/i);
    const onDisk = await readFile(b.repo.path("public/asset/0.png"));
    expect(onDisk.subarray(1, 4).toString()).toBe("PNG");
    // The render was the same key's job again, not a second job.
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(1);
  });
});

describe("an output folder swapped for a link to outside after the plan", () => {
  it("writes nothing outside; the assets fail saying so, and a re-run with the folder back finishes", async () => {
    b = await bench(someAssets(2), {
      durations: { image: { minMs: 300, maxMs: 400 } },
    });
    const outside = await tempDir("af-outside-");
    await mkdir(b.repo.path("public/asset"), { recursive: true });
    const repo = b.repo;
    const first = await b.run(
      {},
      {
        reporter: onFirst("submitted", () => {
          renameSync(repo.path("public/asset"), repo.path("public/asset-real"));
          symlinkSync(outside, repo.path("public/asset"));
        }),
      },
    );
    for (const a of first.assets) {
      expect(a.status, a.id).toBe("failed");
      expect(a.error).toMatch(/public\/asset became a symbolic link to outside the repository/);
    }
    expect(await readdir(outside)).toEqual([]);

    await rm(b.repo.path("public/asset"));
    renameSync(repo.path("public/asset-real"), repo.path("public/asset"));
    const second = await b.run();
    expect(second.counts).toMatchObject({ rendered: 2, failed: 0 });
    // The jobs the first run paid for were picked up, not paid for again.
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(2);
    expect(await readdir(outside)).toEqual([]);
    await rm(outside, { recursive: true, force: true });
  });
});

describe("two renders of one checkout with different TMPDIRs", () => {
  it("the second is refused while the first runs, and the first finishes untouched", async () => {
    b = await bench(someAssets(3), { durations: { image: { minMs: 300, maxMs: 400 } } });
    const otherTmp = await tempDir("af-other-tmp-");
    const originalTmp = process.env.TMPDIR;
    const active = b;
    let second: Promise<string> | undefined;
    const first = b.run(
      {},
      {
        reporter: onFirst("submitted", () => {
          process.env.TMPDIR = otherTmp;
          second = active
            .run()
            .then(
              () => "it ran",
              (error: Error) => error.message,
            )
            .finally(() => {
              if (originalTmp === undefined) delete process.env.TMPDIR;
              else process.env.TMPDIR = originalTmp;
            });
        }),
      },
    );
    const result = await first;
    expect(await second).toMatch(/another agentframer render of .* is running/);
    expect(result.counts).toMatchObject({ rendered: 3, failed: 0 });
    const { jobs } = await b.check({ result });
    expect(jobs).toHaveLength(3);
    await rm(otherTmp, { recursive: true, force: true });
  });
});
