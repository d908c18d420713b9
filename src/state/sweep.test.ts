import { link, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, expect, it } from "vitest";
import type { PlanEntry } from "../plan/types.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { sweepStaleTemps } from "./sweep.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("af-sweep-");
});

it("removes the temps a killed run left beside its files, and nothing else", async () => {
  const hash = "cd".repeat(32);
  const entry: PlanEntry = { id: "a", status: "new", output: "out/a.png", hash };
  const cacheDir = join(dir, ".agentframer", "cache", "cd");
  for (const folder of ["out", ".agentframer/journal", ".agentframer/cache/cd"]) {
    await mkdir(join(dir, folder), { recursive: true });
  }
  const files = {
    "out/.a.png.0123456789ab.tmp": true,
    "out/.b.png.0123456789ab.tmp": false, // not an output of this manifest
    "out/a.png": false,
    "out/.a.png.tmp": false, // not our pattern
    ".agentframer.lock.aaaaaaaaaaaa.tmp": true,
    ".agentframer/journal/.x.json.bbbbbbbbbbbb.tmp": true,
    ".agentframer/.stat-index.json.cccccccccccc.tmp": true,
    ".agentframer/cache/.durations.json.eeeeeeeeeeee.tmp": true,
    ".agentframer/cache/.notes.txt.eeeeeeeeeeee.tmp": false, // not a file this tool writes
    [`.agentframer/cache/cd/.${hash}.dddddddddddd.tmp`]: true,
  };
  for (const name of Object.keys(files)) await writeFile(join(dir, name), "x");
  const removed = await sweepStaleTemps(dir, join(dir, "agentframer.lock"), [entry], [entry]);
  expect(removed).toBe(Object.values(files).filter(Boolean).length);
  expect((await readdir(join(dir, "out"))).sort()).toEqual([
    ".a.png.tmp",
    ".b.png.0123456789ab.tmp",
    "a.png",
  ]);
  expect(await readdir(cacheDir)).toEqual([]);
  expect(await readdir(join(dir, ".agentframer", "cache"))).toEqual([
    ".notes.txt.eeeeeeeeeeee.tmp",
    "cd",
  ]);
});

it("removes the links a killed run kept of the files it was replacing, and leaves the files", async () => {
  const hash = "ef".repeat(32);
  const entry: PlanEntry = { id: "a", status: "changed", output: "out/a.png", hash };
  await mkdir(join(dir, "out"), { recursive: true });
  await mkdir(join(dir, ".agentframer", "before"), { recursive: true });
  await writeFile(join(dir, "out", "a.png"), "the committed render");
  await link(join(dir, "out", "a.png"), join(dir, ".agentframer", "before", hash));
  await sweepStaleTemps(dir, join(dir, "agentframer.lock"), [entry], [entry]);
  expect(await readdir(join(dir, ".agentframer"))).toEqual([]);
  expect(await readFile(join(dir, "out", "a.png"), "utf8")).toBe("the committed render");
});
