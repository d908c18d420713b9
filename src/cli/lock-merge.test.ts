import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runIn } from "../../test/support/run-cli.js";
import { put, renderAll, workspace } from "../../test/support/workspace.js";

type Lock = { version: 1; assets: Record<string, { sha256: string; size: number }> };

async function readLock(dir: string, name = "agentframer.lock"): Promise<Lock> {
  return JSON.parse(await readFile(join(dir, name), "utf8")) as Lock;
}

/**
 * A rendered workspace whose lock is split into two shard locks (`shards/1.lock` holding hero and
 * logo, `shards/2.lock` the products), the manifest's own lock emptied: a fan-in before its merge.
 */
async function fanIn(): Promise<{ dir: string; full: Lock }> {
  const dir = await workspace();
  await renderAll(dir);
  const full = await readLock(dir);
  const pick = (ids: string[]) =>
    JSON.stringify({
      version: 1,
      assets: Object.fromEntries(ids.map((id) => [id, full.assets[id]])),
    });
  await put(dir, "shards/1.lock", pick(["hero", "logo"]));
  await put(dir, "shards/2.lock", pick(["product-a1", "product-b2"]));
  await writeFile(join(dir, "agentframer.lock"), '{"version": 1, "assets": {}}\n');
  return { dir, full };
}

describe("agentframer lock merge", () => {
  it("merges every shard's entries into the manifest's lock, and plan sees them unchanged", async () => {
    const { dir, full } = await fanIn();
    const { code, stdout } = await runIn(dir, ["lock", "merge", "shards/1.lock", "shards/2.lock"]);
    expect(code).toBe(0);
    expect(stdout).toBe("merged 4 entries from 2 locks into agentframer.lock\n");
    expect(await readLock(dir)).toEqual(full);
    const plan = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout);
    expect(plan.counts).toMatchObject({ unchanged: 4, new: 0 });
    const again = await runIn(dir, ["lock", "merge", "shards/1.lock", "shards/2.lock"]);
    expect(again.stdout).toBe("agentframer.lock already holds every entry; nothing to write\n");
  });

  it("refuses two different results for one asset, naming both locks, and writes nothing", async () => {
    const { dir } = await fanIn();
    const other = await readLock(dir, "shards/1.lock");
    other.assets.hero!.sha256 = "f".repeat(64);
    await put(dir, "shards/3.lock", JSON.stringify(other));
    const before = await readFile(join(dir, "agentframer.lock"), "utf8");
    const { code, stderr } = await runIn(dir, ["lock", "merge", "shards/1.lock", "shards/3.lock"]);
    expect(code).toBe(2);
    expect(stderr).toContain("hero: shards/1.lock and shards/3.lock hold different results");
    expect(stderr).toContain("Nothing was written.");
    expect(await readFile(join(dir, "agentframer.lock"), "utf8")).toBe(before);
  });

  it("refuses an entry whose output is not on disk as recorded", async () => {
    const { dir } = await fanIn();
    await writeFile(join(dir, "public/logo.png"), "not the rendered bytes");
    const { code, stderr } = await runIn(dir, ["lock", "merge", "shards/1.lock", "shards/2.lock"]);
    expect(code).toBe(2);
    expect(stderr).toContain("logo (from shards/1.lock): public/logo.png holds 22 bytes");
    expect((await readLock(dir)).assets).toEqual({});
  });

  it("writes what the shards rendered and lists what no shard did (exit 1)", async () => {
    const { dir } = await fanIn();
    const { code, stderr } = await runIn(dir, ["lock", "merge", "shards/2.lock"]);
    expect(code).toBe(1);
    expect(stderr).toContain("2 asset(s) rendered by no shard: hero, logo");
    expect(Object.keys((await readLock(dir)).assets).sort()).toEqual(["product-a1", "product-b2"]);
  });

  it("names a damaged shard lock and needs a subcommand", async () => {
    const { dir } = await fanIn();
    await put(dir, "shards/bad.lock", "<<<<<<< HEAD\n");
    const bad = await runIn(dir, ["lock", "merge", "shards/bad.lock"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("shards/bad.lock");
    const usage = await runIn(dir, ["lock"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("missing subcommand: merge");
  });
});
