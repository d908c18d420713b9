import { readdir, writeFile } from "node:fs/promises";
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

describe("journal", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir("af-journal-");
  });

  it("keeps one record per asset through its states, and forgets it on remove", async () => {
    const journal = openJournal(dir, () => 0);
    await journal.submitting("hero/ü 1", "h1", "k1");
    await journal.submitting("other", "h2", "k2");
    expect((await journal.readAll()).map((r) => r.state)).toEqual(["submitting", "submitting"]);

    await journal.submitted("hero/ü 1", "h1", "k1", "gen_9");
    const records = await journal.readAll();
    const hero = records.find((r) => r.id === "hero/ü 1");
    expect(hero).toMatchObject({ state: "submitted", key: "k1", generation: "gen_9" });
    expect(records.filter(isInFlight)).toHaveLength(2);

    await journal.completed("hero/ü 1", "h1", entry);
    expect((await journal.readAll()).find((r) => r.id === "hero/ü 1")).toMatchObject({
      state: "completed",
      entry,
    });
    await journal.remove("hero/ü 1");
    await journal.remove("never-there");
    expect((await journal.readAll()).map((r) => r.id)).toEqual(["other"]);
  });

  it("skips files it cannot read rather than failing the run", async () => {
    const journal = openJournal(dir);
    await journal.submitting("a", "h", "k");
    await writeFile(join(journal.dir, "junk.json"), "{not json");
    await writeFile(
      join(journal.dir, "forged.json"),
      JSON.stringify({ state: "submitting", id: "b", hash: "h", key: "k", at: "x" }),
    );
    expect((await journal.readAll()).map((r) => r.id)).toEqual(["a"]);
    expect((await readdir(journal.dir)).length).toBe(3);
  });

  it("reads an absent journal as empty", async () => {
    expect(await openJournal(join(dir, "nope")).readAll()).toEqual([]);
  });
});
