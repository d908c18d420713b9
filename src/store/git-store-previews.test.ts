import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createGitRemote, GIT_TEST_ENV } from "../../test/support/git-remote.js";
import { allowPartialClone, pngEntry } from "../../test/support/store-remote.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { createGitStore } from "./git-store.js";
import { entryPreviewPath } from "./layout.js";
import { storeGit } from "./store-git.js";
import type { Store, StoreWrite } from "./store.js";
import { parseStoreRecord, serializeStoreRecord } from "./verify.js";

async function withPreview(entry: StoreWrite, colour: number): Promise<StoreWrite> {
  const bytes = await sharp({
    create: { width: 40, height: 30, channels: 3, background: { r: colour, g: 90, b: 200 } },
  })
    .webp()
    .toBuffer();
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return {
    ...entry,
    preview: bytes,
    record: {
      ...entry.record,
      preview: { format: "webp", sha256, size: bytes.length, width: 40, height: 30 },
    },
  };
}

async function setup() {
  const remote = createGitRemote({ "README.md": "hello\n" });
  allowPartialClone(remote.bare);
  const scratch = await tempDir("af-store-previews-");
  const warnings: string[] = [];
  let machines = 0;
  const machine = (): Store => {
    const gitDir = join(scratch, `machine-${machines++}.git`);
    return createGitStore({
      git: storeGit({ gitDir, env: { ...process.env, ...GIT_TEST_ENV } }),
      gitDir,
      originUrl: remote.bare,
      branch: "agentframer-store",
      label: "test store",
      warn: (m) => warnings.push(m),
      author: { name: "agentframer", email: "store@example.test" },
      sleep: async () => {},
    });
  };
  const bareGit = (args: string[], input?: Buffer | string): string =>
    execFileSync("git", args, {
      cwd: remote.bare,
      env: { ...process.env, ...GIT_TEST_ENV, GIT_INDEX_FILE: join(scratch, "tamper-index") },
      ...(input !== undefined ? { input } : {}),
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
  /** Another writer replaces files on the store branch with these bytes. */
  const tamper = (files: Record<string, Buffer>): void => {
    bareGit(["read-tree", "agentframer-store"]);
    for (const [path, bytes] of Object.entries(files)) {
      const oid = bareGit(["hash-object", "-w", "--stdin"], bytes).trim();
      bareGit(["update-index", "--add", "--cacheinfo", `100644,${oid},${path}`]);
    }
    const tree = bareGit(["write-tree"]).trim();
    const commit = bareGit(["commit-tree", tree, "-p", "agentframer-store", "-m", "tamper"]).trim();
    bareGit(["update-ref", "refs/heads/agentframer-store", commit]);
  };
  return { scratch, warnings, machine, tamper };
}

describe("git store previews", () => {
  it("writes each preview beside its entry and shows it to another machine once its bytes check out", async () => {
    const { scratch, warnings, machine } = await setup();
    const entries = await Promise.all(
      ["a", "b"].map((s, i) => withPreview(pngEntry(scratch, s), 40 * i)),
    );
    const written = await machine().write(entries);
    const first = written.get(entries[0]!.record.hash)!.location!;
    expect(first.preview).toEqual({
      path: entryPreviewPath(entries[0]!.record.hash),
      width: 40,
      height: 30,
      size: entries[0]!.preview!.length,
    });

    const other = machine();
    const hits = await other.lookup(entries.map((e) => e.record.hash));
    expect([...hits.values()].every((h) => h.location?.preview === undefined)).toBe(true);
    const shown = await other.previews([...hits.values()]);
    expect([...shown.keys()].sort()).toEqual(entries.map((e) => e.record.hash).sort());
    expect(shown.get(entries[1]!.record.hash)?.preview?.path).toBe(
      entryPreviewPath(entries[1]!.record.hash),
    );
    expect(warnings).toEqual([]);
  });

  it("shows no preview whose bytes are not what the record says, or that is too big to read", async () => {
    const { scratch, warnings, machine, tamper } = await setup();
    const entries = await Promise.all(
      ["good", "swapped", "huge", "notwebp"].map((s, i) =>
        withPreview(pngEntry(scratch, s), 50 * i),
      ),
    );
    await machine().write(entries);
    const [good, swapped, huge, notWebp] = entries.map((e) => e.record.hash) as [
      string,
      string,
      string,
      string,
    ];
    tamper({
      [entryPreviewPath(swapped)]: entries[0]!.preview!,
      [entryPreviewPath(huge)]: Buffer.alloc(3 * 1024 * 1024, 7),
      [entryPreviewPath(notWebp)]: Buffer.from(
        "<svg onload=alert(1)>".padEnd(entries[3]!.preview!.length),
      ),
    });
    const reader = machine();
    const hits = await reader.lookup([good, swapped, huge, notWebp]);
    const shown = await reader.previews([...hits.values()]);
    expect([...shown.keys()]).toEqual([good]);
    expect(warnings.join("\n")).toMatch(new RegExp(`${swapped.slice(0, 12)}: its preview`));
    expect(warnings.join("\n")).toMatch(
      new RegExp(`${huge.slice(0, 12)}: its preview is too large`),
    );
    expect(warnings.join("\n")).toMatch(new RegExp(`${notWebp.slice(0, 12)}: its preview`));
    // The entries themselves still restore: a bad preview costs only the preview.
    const restored = await reader.fetch(hits.get(swapped)!, join(scratch, "restored.png"));
    expect(restored, warnings.join("\n")).toBe(true);
  });

  it("reads an entry written before previews existed as one without a preview", async () => {
    const { scratch, warnings, machine } = await setup();
    const old = pngEntry(scratch, "old");
    expect(serializeStoreRecord(old.record)).not.toContain("preview");
    await machine().write([old]);
    const reader = machine();
    const hits = await reader.lookup([old.record.hash]);
    expect(hits.get(old.record.hash)?.record.preview).toBeUndefined();
    expect((await reader.previews([...hits.values()])).size).toBe(0);
    expect(warnings).toEqual([]);
  });
});

describe("adding a preview beside an entry written without one", () => {
  it("adds it in the same write as new entries, only for the bytes it was made from", async () => {
    const { scratch, warnings, machine } = await setup();
    const old = pngEntry(scratch, "old");
    const other = pngEntry(scratch, "other");
    await machine().write([old, other]);
    const writer = machine();
    const held = await writer.lookup([old.record.hash, other.record.hash]);
    const made = await withPreview(old, 120);
    const fresh = await withPreview(pngEntry(scratch, "fresh"), 200);
    const addition = (hash: string, sha256?: string) => ({
      record: {
        ...held.get(hash)!.record,
        ...(sha256 ? { sha256 } : {}),
        preview: made.record.preview!,
        durationSeconds: 4,
      },
      preview: made.preview!,
    });
    const written = await writer.write(
      [fresh],
      // The second was made from other bytes than the entry holds: it is not written.
      [addition(old.record.hash), addition(other.record.hash, "f".repeat(64))],
    );
    expect(written.get(old.record.hash)?.location?.preview?.path).toBe(
      entryPreviewPath(old.record.hash),
    );
    expect(written.get(fresh.record.hash)?.location?.preview).toBeDefined();
    expect(written.has(other.record.hash)).toBe(false);

    const reader = machine();
    const hits = await reader.lookup([old.record.hash, other.record.hash, fresh.record.hash]);
    const record = hits.get(old.record.hash)!.record;
    expect(record.preview).toEqual(made.record.preview);
    expect(record.durationSeconds).toBe(4);
    expect([record.sha256, record.generation]).toEqual([old.record.sha256, "gen_old"]);
    expect(hits.get(other.record.hash)?.record.preview).toBeUndefined();
    const shown = await reader.previews([...hits.values()]);
    expect([...shown.keys()].sort()).toEqual([old.record.hash, fresh.record.hash].sort());
    // The entry's bytes are untouched: it restores as before.
    expect(await reader.fetch(hits.get(old.record.hash)!, join(scratch, "old-back.png"))).toBe(
      true,
    );

    // A preview already there (another writer's) is kept: a later addition writes nothing.
    const tip = (await machine().lookup([old.record.hash])).get(old.record.hash)!.location!.commit;
    const late = await machine().write([], [addition(old.record.hash)]);
    expect(late.size).toBe(0);
    const now = (await machine().lookup([old.record.hash])).get(old.record.hash)!;
    expect(now.location!.commit).toBe(tip);
    expect(warnings).toEqual([]);
  });
});

describe("a record's preview and duration", () => {
  const base = {
    hash: "a".repeat(64),
    sha256: "b".repeat(64),
    size: 10,
    type: "video",
    extension: "mp4",
    model: "m",
    generation: "g",
    created: "2026-12-01T00:00:00.000Z",
  };
  const preview = { format: "webp", sha256: "c".repeat(64), size: 900, width: 560, height: 315 };

  it("round-trips through the store's serialisation", () => {
    const text = JSON.stringify({ ...base, preview, durationSeconds: 4 });
    const record = parseStoreRecord(text)!;
    expect(record.preview).toEqual(preview);
    expect(record.durationSeconds).toBe(4);
    expect(parseStoreRecord(serializeStoreRecord(record))).toEqual(record);
  });

  it.each([
    ["a format other than WebP", { ...preview, format: "svg" }],
    ["a size past the bound", { ...preview, size: 50 * 1024 * 1024 }],
    ["a zero width", { ...preview, width: 0 }],
    ["a width past the bound", { ...preview, width: 100_000 }],
    ["a hash that is no SHA-256", { ...preview, sha256: "../../etc" }],
    ["a string", "x.webp"],
  ])("drops a preview with %s, and keeps the entry", (_why, bad) => {
    const record = parseStoreRecord(JSON.stringify({ ...base, preview: bad, durationSeconds: -3 }));
    expect(record).toBeDefined();
    expect(record!.preview).toBeUndefined();
    expect(record!.durationSeconds).toBeUndefined();
  });
});
