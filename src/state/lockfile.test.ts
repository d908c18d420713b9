import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assetHash, fieldHashes } from "../plan/hash.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import {
  LockfileError,
  emptyLockfile,
  parseLockfile,
  readLockfile,
  serializeLockfile,
  writeLockfile,
  WRITTEN_HEAD,
  WRITTEN_TAIL,
} from "./lockfile.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import { lockfilePathFor } from "./paths.js";
import { makeAsset } from "../../test/support/assets.js";
import { listFiles, tempRepo } from "../../test/support/temp-repo.js";

const entry = (id: string, extra: Partial<LockEntry> = {}): LockEntry =>
  lockEntryFor(makeAsset({ id, output: `out/${id}.png` }), {
    sha256: "b".repeat(64),
    size: 10,
    generation: `gen_${id}`,
    renderedAt: new Date("2026-01-02T03:04:05Z"),
    ...extra,
  });

function lockOf(...entries: Array<[string, LockEntry]>): Lockfile {
  const lock = emptyLockfile();
  for (const [id, e] of entries) lock.assets[id] = e;
  return lock;
}

describe("serializeLockfile", () => {
  it("writes one asset per line, sorted by id, with a trailing newline", () => {
    const text = serializeLockfile(lockOf(["b", entry("b")], ["a", entry("a")]));
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["{", '  "version": 1,', '  "assets": {']);
    expect(lines[3]).toMatch(
      /^ {4}"a": \{"hash":"[0-9a-f]{64}","fields":\{.*\},"output":"out\/a.png",.*\},$/,
    );
    expect(lines[4]).toMatch(/^ {4}"b": \{.*"renderedAt":"2026-01-02T03:04:05.000Z"\}$/);
    expect(lines.slice(5)).toEqual(["  }", "}", ""]);
  });

  it("gives the same bytes whatever order ids and keys were built in", () => {
    const a = entry("a");
    const shuffled = Object.fromEntries(Object.entries(a).reverse()) as unknown as LockEntry;
    expect(serializeLockfile(lockOf(["a", a], ["b", entry("b")]))).toBe(
      serializeLockfile(lockOf(["b", entry("b")], ["a", shuffled])),
    );
  });

  it("sorts by code unit, not locale, so every machine agrees", () => {
    const text = serializeLockfile(lockOf(["b", entry("b")], ["B", entry("B")], ["a", entry("a")]));
    expect([...text.matchAll(/^ {4}"(\w)"/gm)].map((m) => m[1])).toEqual(["B", "a", "b"]);
  });

  it("writes an empty lock compactly", () => {
    expect(serializeLockfile(emptyLockfile())).toBe('{\n  "version": 1,\n  "assets": {}\n}\n');
  });

  it("round-trips", () => {
    const lock = lockOf(["x", entry("x")], ["y", entry("y", { size: 0 })]);
    expect(parseLockfile(serializeLockfile(lock), "f")).toEqual(lock);
  });
});

describe("lockEntryFor", () => {
  it("records the asset hash, the field hashes and the output", () => {
    const asset = makeAsset();
    const e = lockEntryFor(asset, {
      sha256: "c".repeat(64),
      size: 3,
      generation: "g",
      renderedAt: "t",
    });
    expect(e).toEqual({
      hash: assetHash(asset),
      fields: fieldHashes(asset),
      output: asset.output,
      sha256: "c".repeat(64),
      size: 3,
      generation: "g",
      renderedAt: "t",
    });
  });
});

describe("readLockfile / writeLockfile", () => {
  it("treats a missing lockfile as empty", async () => {
    const dir = await tempRepo();
    expect(await readLockfile(lockfilePathFor(join(dir, "agentframer.yml")))).toEqual(
      emptyLockfile(),
    );
  });

  it("writes atomically and reads back byte-stable", async () => {
    const dir = await tempRepo();
    const path = lockfilePathFor(join(dir, "agentframer.yml"));
    const lock = lockOf(["a", entry("a")], ["b", entry("b")]);
    await writeLockfile(path, lock);
    const first = await readFile(path, "utf8");
    await writeLockfile(path, await readLockfile(path));
    expect(await readFile(path, "utf8")).toBe(first);
    expect(await listFiles(dir)).toEqual(["agentframer.lock"]);
  });
});

// A lockfile as written is read a chunk of lines at a time; whatever the layout, what it reads
// must be what JSON.parse of the whole file gives, and a damaged one the same error.
describe("readLockfile, read in parts", () => {
  // Enough entries for many 64 KB chunks, with non-ASCII ids straddling chunk ends.
  const many = lockOf(
    ...Array.from({ length: 3000 }, (_, i): [string, LockEntry] => {
      const id = `${i % 7 === 0 ? "é€😀" : "a"}-${String(i).padStart(4, "0")}`;
      return [id, entry(id)];
    }),
  );
  const text = serializeLockfile(many);

  async function read(contents: string): Promise<unknown> {
    const dir = await tempRepo();
    await writeFile(lockfilePathFor(join(dir, "agentframer.yml")), contents);
    return readLockfile(lockfilePathFor(join(dir, "agentframer.yml"))).catch((e: unknown) => e);
  }
  function parse(contents: string): unknown {
    try {
      return parseLockfile(contents, "f");
    } catch (error) {
      return error;
    }
  }
  const keysOf = (lock: unknown) => Object.keys((lock as Lockfile).assets);

  it("offers each entry to `share` as it is parsed, and keeps what it puts in", async () => {
    const dir = await tempRepo();
    await writeFile(lockfilePathFor(join(dir, "agentframer.yml")), text);
    const offered: string[] = [];
    const lock = await readLockfile(lockfilePathFor(join(dir, "agentframer.yml")), (id, e) => {
      offered.push(id);
      // An equal string, as plan gives: the lock must read the same.
      if (typeof e["output"] === "string") e["output"] = `${e["output"]}`;
      if (id === "a-0001") e["generation"] = "shared";
    });
    expect(offered).toEqual(keysOf(parse(text)));
    expect(lock.assets["a-0001"]?.generation).toBe("shared");
    lock.assets["a-0001"] = many.assets["a-0001"] as LockEntry;
    expect(lock).toEqual(parse(text));
  });

  it("reads a large lockfile as the whole text parses, in order", async () => {
    expect(text.length).toBeGreaterThan(10 * 64 * 1024);
    const lock = await read(text);
    expect(lock).toEqual(parse(text));
    expect(keysOf(lock)).toEqual(keysOf(parse(text)));
    expect(keysOf(lock)).toHaveLength(3000);
  });

  it("gives other layouts the same reading", async () => {
    const layouts = [
      text.replace(/\n/g, "\r\n"),
      JSON.stringify(JSON.parse(text), null, 2) + "\n",
      text.replace('"a-0001": {', '"a-0001":\n{'),
      // A repeated id: the later entry wins, in the first one's place.
      text.replace(
        '"a-0002": {"hash',
        `"a-0001": ${JSON.stringify(entry("z"))},\n    "a-0002": {"hash`,
      ),
      text.replace('"a-0001": {', '"__proto__": {'),
    ];
    for (const layout of layouts) {
      const lock = await read(layout);
      expect(lock).toEqual(parse(layout));
      if (!(lock instanceof Error)) expect(keysOf(lock)).toEqual(keysOf(parse(layout)));
    }
  });

  it("refuses an empty member where a read of the file ends, as the whole text does", async () => {
    // Lines up to just under 64 KiB, the first one padded so that the comma after the last is
    // at byte 65,533: the first read then ends on the comma after an empty member.
    const lines = text.slice(WRITTEN_HEAD.length, -WRITTEN_TAIL.length).split(",\n");
    const before: string[] = [];
    let bytes = Buffer.byteLength(WRITTEN_HEAD);
    for (const line of lines) {
      const next = bytes + Buffer.byteLength(line) + 2;
      if (next > 65535) break;
      before.push(line);
      bytes = next;
    }
    before[0] = (before[0] as string).replace('"gen_', `"gen_${"x".repeat(65535 - bytes)}`);
    const contents = `${WRITTEN_HEAD}${before.join(",\n")},\n,\n${lines.at(-1)}${WRITTEN_TAIL}`;
    expect(Buffer.from(contents).subarray(65533, 65537).toString()).toBe(",\n,\n");
    const error = await read(contents);
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it("reports damage far into the file as the whole text would", async () => {
    const at = text.indexOf('"a-2001"');
    const damaged = [
      text.slice(0, at) + "<<<<<<< HEAD\n" + text.slice(at),
      text.slice(0, at) + text.slice(at + 3),
      text.replace('"a-2001": {"hash":"', '"a-2001": {"hash":"0'),
      text.slice(0, -3),
      text.replace(/\n {2}\}\n\}\n$/, ",\n  }\n}\n"),
      text + "{}",
    ];
    for (const contents of damaged) {
      const error = await read(contents);
      expect(error).toBeInstanceOf(LockfileError);
      const expected = parse(contents) as Error;
      expect(expected).toBeInstanceOf(LockfileError);
      expect((error as Error).message.replace(/^[^:]*: /, "")).toBe(
        expected.message.replace(/^[^:]*: /, "").replace(/\bf\b/g, (error as LockfileError).file),
      );
    }
  });
});

describe("a damaged lockfile", () => {
  const good = serializeLockfile(lockOf(["a", entry("a")]));
  const cases: Array<[string, string, RegExp]> = [
    ["bad JSON", good.slice(0, -10), /: not valid JSON \(.*\)\. Restore it from git/],
    [
      "merge-conflict markers",
      good.replace('  "assets": {\n', '  "assets": {\n<<<<<<< HEAD\n'),
      /: unresolved merge-conflict marker at line 4\./,
    ],
    ["an array", "[]\n", /: not a JSON object with `version` and `assets`/],
    ["a wrong version", good.replace('"version": 1', '"version": 0'), /version 0 is not supported/],
    [
      "a newer version",
      good.replace('"version": 1', '"version": 2'),
      /version 2 .* Upgrade agentframer/,
    ],
    ["no assets", '{"version":1}', /`assets` must be an object keyed by asset id/],
    ["an unknown top-level key", '{"version":1,"assets":{},"x":1}', /unknown key "x"/],
    ["a wrong field type", good.replace('"size":10', '"size":"10"'), /assets\.a\.size: /],
    ["a missing field", good.replace(',"generation":"gen_a"', ""), /assets\.a\.generation: /],
    ["an unknown field", good.replace('"size":10', '"size":10,"key":"x"'), /assets\.a: .*key/],
    [
      "a short hash",
      good.replace(/"hash":"[0-9a-f]+"/, '"hash":"abc"'),
      /assets\.a\.hash: expected 64 hex/,
    ],
  ];

  it.each(cases)(
    "is a LockfileError naming the file and the way out: %s",
    async (_name, text, message) => {
      const dir = await tempRepo();
      const path = lockfilePathFor(join(dir, "agentframer.yml"));
      await writeFile(path, text);
      const error = await readLockfile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).file).toBe(path);
      expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
      expect((error as Error).message).toMatch(message);
    },
  );

  it("is never read as empty, even when blank", async () => {
    const dir = await tempRepo();
    await writeFile(join(dir, "agentframer.lock"), "");
    await expect(readLockfile(lockfilePathFor(join(dir, "agentframer.yml")))).rejects.toThrow(
      LockfileError,
    );
  });

  it("keeps an id like __proto__ as data", () => {
    const lock = parseLockfile(serializeLockfile(lockOf(["__proto__", entry("p")])), "f");
    expect(Object.keys(lock.assets)).toEqual(["__proto__"]);
  });

  it("finds no inherited entry for an id like constructor, and keeps the file's order", () => {
    const text = serializeLockfile(lockOf(["b", entry("b")], ["constructor", entry("c")]));
    const lock = parseLockfile(text, "f");
    expect(Object.keys(lock.assets)).toEqual(["b", "constructor"]);
    expect(lock.assets["constructor"]).toEqual(entry("c"));
    expect(lock.assets["toString"]).toBeUndefined();
    expect(Object.getPrototypeOf(lock.assets)).toBeNull();
  });
});
