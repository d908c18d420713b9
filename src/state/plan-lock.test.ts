import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeAsset } from "../../test/support/assets.js";
import { tempRepo } from "../../test/support/temp-repo.js";
import { assetHash } from "../plan/hash.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import type { LockEntry } from "./lock-types.js";
import { emptyLockfile, entryLine, readLockfile, WRITTEN_HEAD, WRITTEN_TAIL } from "./lockfile.js";
import { planLockOf, readPlanLock, type PlanLock } from "./plan-lock.js";

const assets = ["a", "b", "c"].map((id) => makeAsset({ id, output: `o/${id}.png` }));
const hashes = assets.map(assetHash);
const byId = new Map(assets.map((a, i) => [a.id, i]));
const sha = (digit: string) => digit.repeat(64);

function entry(i: number, over: Partial<LockEntry> = {}): LockEntry {
  const asset = assets[i] ?? makeAsset({ id: "gone", output: "o/gone.png" });
  const rendered = { sha256: sha(String(i + 1)), size: 10 + i, generation: "g", renderedAt: "t" };
  return { ...lockEntryFor(asset, rendered), ...over };
}

/** A lockfile in the layout this tool writes, with `lines` as given (duplicates allowed). */
async function written(lines: Array<[string, LockEntry]>): Promise<string> {
  const path = join(await tempRepo(), "agentframer.lock");
  const body = lines.map(([id, e]) => entryLine(id, e)).join(",\n");
  await writeFile(path, WRITTEN_HEAD + body + WRITTEN_TAIL);
  return path;
}

/** What a plan can read of each asset, and the whole entries by id. */
function seen(lock: PlanLock) {
  return {
    count: lock.count,
    bytes: assets.map((_, i) => lock.sameRequest(i)),
    whole: Object.fromEntries([...lock.wholeEntries()].map(([id, e]) => [id, e.hash])),
  };
}

describe("readPlanLock", () => {
  it("keeps an unchanged request's entry as its bytes, and every other entry whole", async () => {
    const path = await written([
      ["a", entry(0)],
      ["b", entry(1, { hash: "f".repeat(64) })], // the request changed since
      ["gone", entry(3)], // no such asset
    ]);
    const lock = await readPlanLock(path, byId, hashes);
    expect(seen(lock)).toEqual({
      count: 3,
      bytes: [{ size: 10, sha256: sha("1") }, undefined, undefined],
      whole: {
        b: "f".repeat(64),
        gone: assetHash(makeAsset({ id: "gone", output: "o/gone.png" })),
      },
    });
    expect(lock.whole("a")).toBeUndefined();
    expect(lock.whole("b")?.fields).toEqual(entry(1).fields);
  });

  it("keeps whole what a plan must read whole: variants, a SHA-256 not in lower-case hex", async () => {
    const variants = {
      recipe: "ab",
      width: 64,
      height: 64,
      placeholder: "data:image/webp;base64,AA==",
      files: [],
    };
    const path = await written([
      ["a", entry(0, { variants })],
      ["b", entry(1, { sha256: "A".repeat(64) })],
      ["c", entry(2)],
    ]);
    const lock = await readPlanLock(path, byId, hashes);
    expect(lock.whole("a")?.variants).toEqual(variants);
    expect(lock.whole("b")?.sha256).toBe("A".repeat(64));
    expect(seen(lock).bytes).toEqual([undefined, undefined, { size: 12, sha256: sha("3") }]);
    expect(lock.count).toBe(3);
  });

  it("lets a later entry for an id replace an earlier one, counting the id once", async () => {
    // 2,000 lines between the two copies put them in different parts of the read.
    const filler = Array.from({ length: 2000 }, (_, k): [string, LockEntry] => [
      `x${String(k).padStart(4, "0")}`,
      entry(3),
    ]);
    const changed = entry(0, { hash: "e".repeat(64) });
    for (const [first, last, expected] of [
      [entry(0), changed, { whole: "e".repeat(64), bytes: undefined }],
      [
        changed,
        entry(0, { size: 99 }),
        { whole: undefined, bytes: { size: 99, sha256: sha("1") } },
      ],
    ] as const) {
      const path = await written([["a", first], ...filler, ["a", last]]);
      const lock = await readPlanLock(path, byId, hashes);
      expect(lock.count).toBe(2001);
      expect(lock.whole("a")?.hash).toBe(expected.whole);
      expect(lock.sameRequest(0)).toEqual(expected.bytes);
      // The same entries a render reads.
      const whole = await readLockfile(path);
      expect(whole.assets["a"]).toEqual(last);
    }
  });

  it("is empty for a missing lockfile", async () => {
    const lock = await readPlanLock(join(await tempRepo(), "agentframer.lock"), byId, hashes);
    expect(seen(lock)).toEqual({ count: 0, bytes: [undefined, undefined, undefined], whole: {} });
  });

  it("reads a lockfile in another layout whole, as a render does", async () => {
    const path = join(await tempRepo(), "agentframer.lock");
    const lock = { ...emptyLockfile(), assets: { a: entry(0), b: entry(1) } };
    await writeFile(path, JSON.stringify(lock, null, 1));
    const read = await readPlanLock(path, byId, hashes);
    expect(seen(read)).toEqual(seen(planLockOf(await readLockfile(path))));
    expect(read.whole("a")).toEqual(entry(0));
  });

  it("refuses a named pipe in place of the lockfile without opening it, as a render does", async () => {
    const path = join(await tempRepo(), "agentframer.lock");
    execFileSync("mkfifo", [path]);
    // Opening a FIFO for reading would block this thread for good: the test would time out.
    const render = await readLockfile(path).catch((e: Error) => e.message);
    const plan = await readPlanLock(path, byId, hashes).catch((e: Error) => e.message);
    expect(plan).toMatch(/named pipe \(FIFO\), not a regular file/);
    expect(plan).toBe(render);
  });

  it("refuses a damaged lockfile with the words a render uses", async () => {
    const bad = entryLine("b", entry(1)).replace('"size":11', '"size":-1');
    const cases = [
      // A bad entry, then a merge conflict further down: the conflict is what a render names.
      `${WRITTEN_HEAD}${entryLine("a", entry(0))},\n${bad},\n<<<<<<< HEAD\n${entryLine("c", entry(2))}${WRITTEN_TAIL}`,
      `${WRITTEN_HEAD}${entryLine("a", entry(0))},\n${bad}${WRITTEN_TAIL}`,
    ];
    for (const text of cases) {
      const path = join(await tempRepo(), "agentframer.lock");
      await writeFile(path, text);
      const render = await readLockfile(path).catch((e: Error) => e.message);
      const plan = await readPlanLock(path, byId, hashes).catch((e: Error) => e.message);
      expect(typeof render).toBe("string");
      expect(plan).toBe(render);
    }
  });
});
