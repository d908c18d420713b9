/**
 * `.agentframer/before/` keeps the committed bytes of replaced renders by hard links. A link
 * someone left in its place (an earlier job's, on a self-hosted runner's workspace) is never
 * written through: the previews are given up, and nothing lands where it points.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import type { LockEntry } from "../state/lock-types.js";
import { beforeSnapshotsDirFor } from "../state/paths.js";
import type { StoreHit } from "../store/store.js";
import { prepareBeforeRenders } from "./before-previews.js";

const BYTES = "the committed render";
const SHA = createHash("sha256").update(BYTES).digest("hex");
const HASH = "a".repeat(64);

describe("prepareBeforeRenders", () => {
  it.each([
    ["a real folder", false],
    ["a link to a folder elsewhere", true],
  ])("with .agentframer/before as %s", async (_, planted) => {
    const dir = await tempDir("af-before-");
    const elsewhere = await tempDir("af-before-elsewhere-");
    await mkdir(join(dir, "o"));
    await writeFile(join(dir, "o/a.png"), BYTES);
    await mkdir(join(dir, ".agentframer"));
    if (planted) await symlink(elsewhere, beforeSnapshotsDirFor(dir));
    const lock = { hash: HASH, sha256: SHA, size: BYTES.length, output: "o/a.png" } as LockEntry;
    const hit: StoreHit = {
      record: {
        hash: HASH,
        sha256: SHA,
        size: BYTES.length,
        type: "image",
        extension: "png",
        model: "m",
        generation: "g",
        created: "2026-01-01T00:00:00.000Z",
      },
      location: { commit: "c".repeat(40), path: `entries/${HASH}` },
    };
    const warnings: string[] = [];
    const before = await prepareBeforeRenders(
      [{ id: "a", status: "changed", output: "o/a.png", lock }],
      new Map([[HASH, hit]]),
      {
        manifestDir: dir,
        write: true,
        // No image library: the preview fails later, in the background, as a courtesy may.
        tools: {
          loadImageLib: () => Promise.reject(new Error("no image library here")),
          ffmpeg: { found: false, why: "none" },
        },
        warn: (m) => warnings.push(m),
      },
    );
    if (planted) {
      // Nothing linked through the planted folder, and the run was told why.
      expect(await readdir(elsewhere)).toEqual([]);
      expect(warnings.join("\n")).toMatch(
        /no previews of previous renders: .*link or not a folder/,
      );
    } else {
      expect(await readdir(beforeSnapshotsDirFor(dir))).toEqual([HASH]);
    }
    await before.settled;
    expect(await readdir(elsewhere)).toEqual([]);
  });
});
