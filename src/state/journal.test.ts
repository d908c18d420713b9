import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { LockEntry } from "./lock-types.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { isInFlight, openJournal } from "./journal.js";

const entry: LockEntry = {
  hash: "a".repeat(64),
  fields: { type: "1", model: "2", prompt: "3", params: "4" },
  output: "out/a.png",
  sha256: "b".repeat(64),
  size: 3,
  generation: "gen_1",
  renderedAt: "2026-01-01T00:00:00.000Z",
};

/** What a run started later would read: a journal opened afresh on the same manifest. */
async function reread(manifestPath: string) {
  const journal = openJournal(manifestPath);
  const records = await journal.readAll();
  await journal.close();
  return records;
}

describe("journal", () => {
  let dir: string;
  let manifest: string;
  beforeEach(async () => {
    dir = await tempDir("af-journal-");
    manifest = join(dir, "agentframer.yml");
  });

  it("keeps one record per asset through its states, and forgets it on remove", async () => {
    const journal = openJournal(manifest, () => 0);
    await journal.submitting("hero/ü 1", "h1", "k1");
    await journal.submitting("other", "h2", "k2");
    expect((await reread(manifest)).map((r) => r.state)).toEqual(["submitting", "submitting"]);

    await journal.submitted("hero/ü 1", "h1", "k1", "gen_9");
    const records = await reread(manifest);
    const hero = records.find((r) => r.id === "hero/ü 1");
    expect(hero).toMatchObject({ state: "submitted", key: "k1", generation: "gen_9" });
    expect(records.filter(isInFlight)).toHaveLength(2);

    await journal.completed("hero/ü 1", "h1", entry);
    expect((await reread(manifest)).find((r) => r.id === "hero/ü 1")).toMatchObject({
      state: "completed",
      entry,
    });
    await journal.remove("hero/ü 1");
    await journal.remove("never-there");
    expect((await journal.readAll()).map((r) => r.id)).toEqual(["other"]);
    await journal.close();
    expect((await reread(manifest)).map((r) => r.id)).toEqual(["other"]);
  });

  it("writes records that arrive together into one log, each readable afterwards", async () => {
    const journal = openJournal(manifest);
    const ids = Array.from({ length: 200 }, (_, i) => `asset-${i}`);
    await Promise.all(ids.map((id) => journal.submitting(id, `h-${id}`, `k-${id}`)));
    await Promise.all(ids.map((id) => journal.submitted(id, `h-${id}`, `k-${id}`, `g-${id}`)));
    await journal.close();
    expect(await readdir(journal.dir)).toEqual(["agentframer.jsonl"]);
    const records = await reread(manifest);
    expect(records.map((r) => r.id)).toEqual(ids);
    expect(records.every((r) => r.state === "submitted" && r.generation === `g-${r.id}`)).toBe(
      true,
    );
  });

  it("rewrites the log with only what is left when records go in bulk, and deletes it when empty", async () => {
    const journal = openJournal(manifest);
    for (const id of ["a", "b", "c"]) await journal.submitting(id, "h", "k");
    await journal.completed("a", "h", entry);
    await journal.removeAll(["a", "b"]);
    const lines = (await readFile(journal.path, "utf8")).trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(["c"]);
    await journal.submitted("c", "h", "k", "g");
    expect(await reread(manifest)).toMatchObject([{ id: "c", state: "submitted" }]);
    await journal.removeAll(["c"]);
    await journal.close();
    expect(await readdir(journal.dir)).toEqual([]);
  });

  it("skips lines it cannot read, and starts a new line after one a power cut left short", async () => {
    const journal = openJournal(manifest);
    await journal.submitting("a", "h", "k");
    await journal.close();
    const valid = await readFile(journal.path, "utf8");
    await writeFile(journal.path, `${valid}{not json\n{"state":"submitted","id":"b","ha`);
    expect((await reread(manifest)).map((r) => r.id)).toEqual(["a"]);

    const next = openJournal(manifest);
    await next.submitting("c", "h", "k");
    await next.close();
    expect((await reread(manifest)).map((r) => r.id)).toEqual(["a", "c"]);
  });

  it("keeps two manifests' records apart, even for the same asset id", async () => {
    const other = join(dir, "media.yml");
    const a = openJournal(manifest);
    const b = openJournal(other);
    await a.submitting("hero", "h-a", "k-a");
    await b.submitting("hero", "h-b", "k-b");
    await b.removeAll(["hero"]);
    await Promise.all([a.close(), b.close()]);
    expect(await reread(manifest)).toMatchObject([{ id: "hero", hash: "h-a" }]);
    expect(await reread(other)).toEqual([]);
  });

  it("reads records of the earlier one-file-per-asset layout, and deletes each once superseded", async () => {
    const journalDir = join(dir, ".agentframer/journal");
    await mkdir(journalDir, { recursive: true });
    const fileOf = (id: string): string =>
      `${createHash("sha256").update(id).digest("hex").slice(0, 40)}.json`;
    const old = (id: string) => ({ state: "submitted", id, hash: "h", key: "k", generation: "g", at: "x" });
    await writeFile(join(journalDir, fileOf("kept")), JSON.stringify(old("kept")));
    await writeFile(join(journalDir, fileOf("moved")), JSON.stringify(old("moved")));
    // A file whose name does not match its id was not written by the tool: ignored.
    await writeFile(join(journalDir, fileOf("elsewhere")), JSON.stringify(old("forged")));

    const journal = openJournal(manifest);
    expect((await journal.readAll()).map((r) => r.id).sort()).toEqual(["kept", "moved"]);
    await journal.completed("moved", "h", entry);
    await journal.close();
    expect((await readdir(journalDir)).sort()).toEqual(
      [fileOf("elsewhere"), fileOf("kept"), "agentframer.jsonl"].sort(),
    );
    expect((await reread(manifest)).map((r) => [r.id, r.state])).toEqual([
      ["kept", "submitted"],
      ["moved", "completed"],
    ]);
  });

  it("reads an absent journal as empty", async () => {
    expect(await reread(join(dir, "nope", "agentframer.yml"))).toEqual([]);
  });
});
