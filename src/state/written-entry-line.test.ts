/**
 * The plan's reading of entry lines in place (written-entry-line.ts) against the whole read a
 * render makes: canonical lines, each changed in many small ways, must read the same through
 * both, or be refused by both in the same words.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAsset } from "../../test/support/assets.js";
import { tempRepo } from "../../test/support/temp-repo.js";
import { assetHash } from "../plan/hash.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import { entryLine, readLockfile, WRITTEN_HEAD, WRITTEN_TAIL } from "./lockfile.js";
import { readPlanLock, type PlanLock } from "./plan-lock.js";

// The last id is two Latin-1 characters whose codes are the UTF-8 bytes of "é".
const assets = ["a", "b", "hero-0001", "hero-0002", "\u00c3\u00a9"].map((id) =>
  makeAsset({ id, output: `public/${id}.png` }),
);
const hashes = assets.map((a) => assetHash(a));
const byId = new Map(assets.map((a, i) => [a.id, i]));
const ids = new Set(byId.keys());

function entry(i: number, over: Partial<LockEntry> = {}): LockEntry {
  const asset = assets[i] as (typeof assets)[number];
  const rendered = {
    sha256: `${i}${"0123456789abcdef".repeat(4)}`.slice(0, 64),
    size: 1000 + i,
    generation: `gen_${i}`,
    renderedAt: "2026-01-02T03:04:05.000Z",
  };
  return { ...lockEntryFor(asset, rendered), ...over };
}

/** The canonical line of asset `i` (no variants, request unchanged): the one the plan reads in place. */
const line = (i: number): string => entryLine(assets[i]?.id as string, entry(i));

/**
 * What a plan can read of the lock, from either reader: per asset, its entry whole or only the
 * bytes it recorded; the entries of no asset; how many entries.
 */
type View = {
  count: number;
  perAsset: Array<{ whole: LockEntry } | { bytes: { size: number; sha256: string } } | null>;
  orphans: Array<[string, LockEntry]>;
};

function planView(lock: PlanLock): View {
  return {
    count: lock.count,
    perAsset: assets.map((a, i) => {
      const whole = lock.whole(a.id);
      const bytes = lock.sameRequest(i);
      if (whole !== undefined && bytes !== undefined) throw new Error(`${a.id} read twice`);
      return whole ? { whole } : bytes ? { bytes } : null;
    }),
    orphans: [...lock.wholeEntries()].filter(([id]) => !ids.has(id)).sort(byKey),
  };
}

/** The same, from the lock a render reads: the bytes only of an unchanged request's entry. */
function renderView(lock: Lockfile): View {
  const all = Object.entries(lock.assets);
  return {
    count: all.length,
    perAsset: assets.map((a, i) => {
      const e = lock.assets[a.id];
      if (e === undefined) return null;
      const bytesOnly =
        e.hash === hashes[i] && e.variants === undefined && /^[0-9a-f]{64}$/.test(e.sha256);
      return bytesOnly ? { bytes: { size: e.size, sha256: e.sha256 } } : { whole: e };
    }),
    orphans: all.filter(([id]) => !ids.has(id)).sort(byKey),
  };
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

let path: string;
beforeAll(async () => {
  path = join(await tempRepo(), "agentframer.lock");
});

/** Both readings of `text` as a lockfile: views, or the refusal each gives. */
async function bothReads(text: string): Promise<{ plan: View | string; render: View | string }> {
  await writeFile(path, text);
  const plan = await readPlanLock(path, byId, hashes).then(planView, (e: Error) => e.message);
  const render = await readLockfile(path).then(renderView, (e: Error) => e.message);
  return { plan, render };
}

const lockOf = (lines: string[]): string => WRITTEN_HEAD + lines.join(",\n") + WRITTEN_TAIL;

/** Every one-character change of `target` at each position: replaced, deleted, doubled. */
function oneCharChanges(target: string): string[] {
  // Characters that matter to JSON and to the line's layout, and a few that do not.
  const swaps = [
    '"',
    "\\",
    ",",
    ":",
    "{",
    "}",
    " ",
    "0",
    "9",
    "a",
    "f",
    "F",
    "x",
    "-",
    ".",
    "\u0001",
    "é",
  ];
  const changed: string[] = [];
  for (let at = 0; at < target.length; at++) {
    const before = target.slice(0, at);
    const after = target.slice(at + 1);
    const char = target[at] as string;
    // Three replacements per position, chosen in turn, so every swap meets every kind of byte.
    for (let k = 0; k < 3; k++) {
      const swap = swaps[(at * 3 + k) % swaps.length] as string;
      if (swap !== char) changed.push(before + swap + after);
    }
    changed.push(before + after, before + char + char + after);
  }
  return changed;
}

async function expectSameReading(text: string): Promise<"read" | "refused"> {
  const { plan, render } = await bothReads(text);
  expect(plan, text).toEqual(render);
  return typeof render === "string" ? "refused" : "read";
}

describe("the plan's reading of entry lines in place", () => {
  it("reads canonical lines as bytes, as a render reads them", async () => {
    const text = lockOf([0, 1, 2, 3, 4].map(line));
    const { plan } = await bothReads(text);
    expect(await expectSameReading(text)).toBe("read");
    expect((plan as View).perAsset.every((v) => v !== null && "bytes" in v)).toBe(true);
  });

  it("reads every one-character change of a line as a render does, or refuses it in its words", async () => {
    const outcomes = { read: 0, refused: 0 };
    // The changed line between two canonical ones, so that the lines around it are read in place.
    for (const changed of oneCharChanges(line(1))) {
      outcomes[await expectSameReading(lockOf([line(0), changed, line(2)]))] += 1;
    }
    // Both kinds of change happen: the test compares readings, not only refusals.
    expect(outcomes.read).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it("reads escapes, other spellings and other layouts of an entry as a render does", async () => {
    const canonical = line(1);
    const e = entry(1);
    const variants = [
      // Escapes that JSON reads as the same value, and ones that change it or are invalid.
      canonical.replace('"b"', '"\\u0062"'),
      canonical.replace('"b"', '"b\\n"'),
      canonical.replace(e.output, e.output.replace("/", "\\/")),
      canonical.replace('"gen_1"', '"gen\\u005f1"'),
      canonical.replace('"gen_1"', '"gen\\q1"'),
      canonical.replace(e.fields.model, `\\u00${e.fields.model.slice(4)}`),
      // Upper-case hex: a render takes it; the plan keeps that entry whole.
      canonical.replace(e.sha256, e.sha256.toUpperCase()),
      canonical.replace(e.hash, e.hash.toUpperCase()),
      // Keys added, missing, repeated, reordered; spacing.
      canonical.replace('"}', '","extra":1}'),
      canonical.replace(',"generation":"gen_1"', ""),
      canonical.replace('"size":1001', '"size":1001,"size":7'),
      canonical.replace('{"hash"', '{"size":1001,"hash"').replace(',"size":1001', ""),
      canonical.replace('"size":1001', '"size": 1001'),
      canonical.replace('": {', '":{'),
      canonical.replace("    ", "  "),
      // Sizes: too big to be exact, written otherwise, fractional, negative.
      canonical.replace('"size":1001', '"size":9007199254740993'),
      canonical.replace('"size":1001', '"size":9007199254740991'),
      canonical.replace('"size":1001', '"size":99999999999999999999'),
      canonical.replace('"size":1001', '"size":1001.0'),
      canonical.replace('"size":1001', '"size":1.001e3'),
      canonical.replace('"size":1001', '"size":1001.5'),
      canonical.replace('"size":1001', '"size":-0'),
      canonical.replace('"size":1001', '"size":-1'),
      canonical.replace('"size":1001', '"size":01001'),
      canonical.replace('"size":1001', '"size":0'),
      // Strings at and past their limits.
      canonical.replace(e.fields.type, "t".repeat(64)),
      canonical.replace(e.fields.type, "t".repeat(65)),
      canonical.replace(e.fields.type, "é".repeat(40)),
      canonical.replace(e.fields.type, "😀".repeat(32)),
      canonical.replace(e.fields.type, ""),
      canonical.replace(e.output, ""),
      canonical.replace(e.output, "public/é.png"),
      canonical.replace('"gen_1"', '""'),
      canonical.replace('"2026-01-02T03:04:05.000Z"', '"yesterday"'),
      // Variants, and a line that is not one entry.
      canonical.replace(
        '"}',
        '","variants":{"recipe":"ab","width":8,"height":8,"placeholder":"data:image/webp;base64,AA==","files":[]}}',
      ),
      `${canonical}, "c": 1`,
      `${canonical.slice(0, 100)}\n${canonical.slice(100)}`,
      `${canonical},\n`,
      `${canonical}\r`,
      `\t${canonical}`,
      canonical.replace('"b"', '"__proto__"'),
      canonical.replace('"b"', '"hero-0001"'),
      canonical.replace('"b"', '"hero-000"'),
      canonical.replace('"b"', '"a"'),
    ];
    for (const variant of variants) {
      await expectSameReading(lockOf([line(0), variant, line(2), line(3)]));
    }
  });

  it("reads a changed line that straddles the 64 KiB read as a render does", async () => {
    // Orphans fill the first read up to just before 64 KiB; the target line crosses into the next.
    const filler: string[] = [];
    let length = WRITTEN_HEAD.length;
    for (let k = 0; length < 65536 - 200; k++) {
      const orphan = entryLine(`orphan-${String(k).padStart(4, "0")}`, entry(0));
      filler.push(orphan);
      length += orphan.length + 2;
    }
    const target = line(1);
    expect(length).toBeLessThan(65536);
    expect(length + target.length).toBeGreaterThan(65536);
    const outcomes = { read: 0, refused: 0 };
    for (const changed of [target, ...oneCharChanges(target).filter((_, k) => k % 7 === 0)]) {
      outcomes[await expectSameReading(lockOf([...filler, changed, line(2)]))] += 1;
    }
    expect(outcomes.read).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });

  it("reads repeated ids, orphans and blank lines between lines read in place as a render does", async () => {
    const changed = entryLine("b", entry(1, { hash: "e".repeat(64) }));
    const cases = [
      [line(0), line(1), line(0)],
      [line(1), changed],
      [changed, line(1)],
      [line(0), changed, line(1), changed],
      [line(0), entryLine("gone", entry(2)), line(1)],
      // An id beyond ASCII: its own entry, and one for "é", whose UTF-8 bytes its codes spell.
      [line(3), line(4)],
      [line(3), entryLine("é", entry(4))],
      [line(0), "", line(1)],
      [line(0), "   ", line(1)],
      [line(0), "<<<<<<< HEAD", line(1), "=======", line(1), ">>>>>>> theirs", line(2)],
    ];
    for (const lines of cases) await expectSameReading(lockOf(lines));
  });
});
