/**
 * Issue 5, item 6: the disk refuses a write. The asset fails with a message saying why, nothing
 * partial is left at (or beside) its output, the others carry on, and once the disk is fixed the
 * next run finishes — with the job already paid for, not a new one.
 *
 * Tests run as root in CI containers, where a read-only mode bit does not stop a write, so the
 * "cannot write here" case puts a regular file where the output's folder should be. The full-disk
 * case mounts a 1 MiB tmpfs over the output folder, which needs root; elsewhere it is skipped.
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../support/built-cli.js";
import { someAssets } from "../support/render-repo.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

const canMount = ((): boolean => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("mount", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("the output's folder cannot be created", () => {
  it("fails those assets saying why, renders the rest, and a later run completes with the same jobs", async () => {
    b = await bench(
      [
        ...someAssets(2, "ok"),
        ...someAssets(2, "blocked").map((a) => ({ ...a, output: `blocked/deep/${a.id}.png` })),
      ],
      { durations: { image: { minMs: 400, maxMs: 500 } } },
    );
    // The loader refuses a file where a folder must go, so it appears once the jobs are in flight:
    // then mkdir and open fail whoever the user is.
    const running = b.run();
    await waitFor(() => b?.emulator.ledger.jobs().length === 4, 10_000, "four jobs");
    await writeFile(b.repo.path("blocked"), "I am a file, not a folder\n");
    const first = await running;
    const failed = first.assets.filter((a) => a.status === "failed");
    expect(failed.map((a) => a.id).sort()).toEqual(["blocked-0", "blocked-1"]);
    for (const a of failed)
      expect(a.error).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/);
    expect(first.counts.rendered).toBe(2);
    // The manifest loader refuses the blocking file too; the rest of the state is checked as left.
    await rm(b.repo.path("blocked"));
    await b.check({ failed: { "blocked-0": /E(EXIST|NOTDIR)/, "blocked-1": /E(EXIST|NOTDIR)/ } });

    const second = await b.run();
    expect(second.counts).toMatchObject({ rendered: 2, unchanged: 2, failed: 0 });
    expect(
      second.assets
        .filter((a) => a.status === "rendered")
        .map((a) => a.id)
        .sort(),
    ).toEqual(["blocked-0", "blocked-1"]);
    // The jobs the first run paid for were picked up again: four jobs in all.
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(4);
  });
});

describe.skipIf(!canMount)("the disk fills up mid-write (ENOSPC on a 1 MiB tmpfs)", () => {
  it("fails the asset with 'no space left', leaves no partial file, and completes after space is freed", async () => {
    // 600 kB each: the first fits, the second does not, whatever order they finish in.
    b = await bench(someAssets(2), { resultBytes: 600_000 });
    const mountPoint = b.repo.path("public/asset");
    await mkdir(mountPoint, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint]);
    let mounted = true;
    try {
      const first = await b.run({ concurrency: 1 });
      const failed = first.assets.filter((a) => a.status === "failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error).toMatch(/ENOSPC|no space left/);
      await b.check({ failed: { [failed[0]?.id ?? ""]: /ENOSPC|no space left/ } });

      execFileSync("umount", [mountPoint]);
      mounted = false;
      // The first output was on the tmpfs and is gone with it: restored from the cache.
      const second = await b.run();
      expect(second.counts.failed).toBe(0);
      const { jobs } = await b.check();
      expect(jobs).toHaveLength(2);
    } finally {
      if (mounted) execFileSync("umount", ["-l", mountPoint]);
    }
  });
});
