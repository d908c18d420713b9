import { createHash } from "node:crypto";
import { mkdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Asset, Manifest } from "../manifest/types.js";
import type { Plan } from "./types.js";
import { emptyLockfile, writeLockfile } from "../state/lockfile.js";
import { lockEntryFor } from "./lock-entry.js";
import { probeOutputs } from "./output-state.js";
import { planManifest, planManifestToShow } from "./plan-manifest.js";
import { RACY_WINDOW_MS, StatIndex, recordOutputStates } from "../state/stat-index.js";
import { makeAsset } from "../../test/support/assets.js";
import { listFiles, tempRepo } from "../../test/support/temp-repo.js";
import { lockfilePathFor, statIndexPath } from "../state/paths.js";

const sha = (bytes: string) => createHash("sha256").update(bytes).digest("hex");
const HOUR_AGO = new Date(Date.now() - 3_600_000);

async function put(dir: string, path: string, bytes: string, mtime = HOUR_AGO): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), bytes);
  await utimes(join(dir, path), mtime, mtime);
}

/** A manifest folder whose lock records `rendered` with bytes "<id> bytes" on disk. */
async function rendered(assets: Asset[]): Promise<Manifest> {
  const dir = await tempRepo();
  const lock = emptyLockfile();
  for (const a of assets) {
    const bytes = `${a.id} bytes`;
    await put(dir, a.output, bytes);
    lock.assets[a.id] = lockEntryFor(a, {
      sha256: sha(bytes),
      size: bytes.length,
      generation: "g",
      renderedAt: "t",
    });
  }
  await writeLockfile(lockfilePathFor(join(dir, "agentframer.yml")), lock);
  return { path: join(dir, "agentframer.yml"), dir, root: dir, assets };
}

/**
 * `rendered` for assets with these ids (output `o/<id>.png`), then the outputs of `gone`,
 * `edited` and `grown` (those in `ids`) touched as a user would: deleted, rewritten at the same
 * size with other bytes, and rewritten longer.
 */
async function renderedThenTouched(ids: string[]): Promise<{ assets: Asset[]; m: Manifest }> {
  const assets = ids.map((id) => makeAsset({ id, output: `o/${id}.png` }));
  const m = await rendered(assets);
  if (ids.includes("gone")) await rm(join(m.dir, "o/gone.png"));
  if (ids.includes("edited")) await put(m.dir, "o/edited.png", "EDITED bytes"); // same size
  if (ids.includes("grown")) await put(m.dir, "o/grown.png", "grown bytes and more");
  return { assets, m };
}

const statuses = async (m: Manifest) =>
  (await planManifest(m)).plan.entries.map((e) => [e.id, e.status]);

describe("planManifest on real files", () => {
  it("tells unchanged, missing and modified apart by the bytes on disk", async () => {
    const { m } = await renderedThenTouched(["same", "gone", "edited", "grown"]);
    expect(await statuses(m)).toEqual([
      ["same", "unchanged"],
      ["gone", "missing"],
      ["edited", "modified"],
      ["grown", "modified"],
    ]);
  });

  it("counts an LFS pointer to the locked bytes as unchanged, and any other pointer as modified", async () => {
    const assets = ["fetched", "pointer", "stale", "text"].map((id) =>
      makeAsset({ id, output: `o/${id}.png` }),
    );
    const m = await rendered(assets);
    const pointer = (bytes: string, extra = "") =>
      `version https://git-lfs.github.com/spec/v1\n${extra}oid sha256:${sha(bytes)}\nsize ${bytes.length}\n`;
    await put(m.dir, "o/pointer.png", pointer("pointer bytes", "ext-0-foo sha256:00\n"));
    await put(m.dir, "o/stale.png", pointer("an older render"));
    await put(m.dir, "o/text.png", `oid sha256:${sha("text bytes")}\nsize 10\n`);
    // Plain, with a probe started early, and only shown (the lock's columns): all the same.
    for (const planned of [
      () => planManifest(m, undefined),
      () =>
        planManifest(
          m,
          probeOutputs(
            m.dir,
            { lockPath: lockfilePathFor(m.path) },
            { minLockBytes: 0, hash: true },
          ),
        ),
      () => planManifestToShow(m, undefined),
    ]) {
      const { plan } = await planned();
      expect(plan.entries.map((e) => [e.id, e.status])).toEqual([
        ["fetched", "unchanged"],
        ["pointer", "unchanged"],
        ["stale", "modified"],
        ["text", "modified"],
      ]);
      expect(plan.lfsPointers).toBe(1);
    }
    // Plan reads the pointer and writes nothing over it.
    expect(await readFile(join(m.dir, "o/pointer.png"), "utf8")).toMatch(/^version https:/);
  });

  it("plans the same with a probe of the lockfile's outputs started before loading", async () => {
    const { assets, m } = await renderedThenTouched([
      "same",
      "gone",
      "edited",
      "grown",
      "moved",
      "changed",
      "orphan",
    ]);
    // Now written elsewhere (the hash leaves the path out): the probe looked at the old one.
    await put(m.dir, "o/elsewhere.png", "moved bytes");
    const now = {
      ...m,
      assets: [
        ...assets.slice(0, 4),
        makeAsset({ id: "moved", output: "o/elsewhere.png" }),
        makeAsset({ id: "changed", output: "o/changed.png", prompt: "another prompt" }),
        makeAsset({ id: "new", output: "o/new.png" }),
      ],
    };
    const plain = (await planManifest(now, undefined)).plan;
    for (const hash of [true, false]) {
      const early = probeOutputs(
        now.dir,
        { lockPath: lockfilePathFor(join(now.dir, "agentframer.yml")) },
        {
          minLockBytes: 0,
          hash,
        },
      );
      expect(early).toBeDefined();
      const { plan } = await planManifest(now, early);
      expect(plan).toEqual(plain);
    }
    expect(plain.entries.map((e) => [e.id, e.status])).toEqual([
      ["same", "unchanged"],
      ["gone", "missing"],
      ["edited", "modified"],
      ["grown", "modified"],
      ["moved", "unchanged"],
      ["changed", "changed"],
      ["new", "new"],
      ["orphan", "orphaned"],
    ]);
  });

  it("plans the same whatever order, or however many, entries the stat index lists", async () => {
    const { assets, m } = await renderedThenTouched([
      "zeta",
      "gone",
      "edited",
      "grown",
      "alpha",
      "changed",
      "orphan",
      "mid",
    ]);
    const now = {
      ...m,
      assets: [
        ...assets.slice(0, 5),
        makeAsset({ id: "changed", output: "o/changed.png", prompt: "another prompt" }),
        makeAsset({ id: "new", output: "o/new.png" }),
        assets[7] as Asset,
      ],
    };
    const first = await planManifestToShow(now, undefined);
    await first.index.save();
    const saved = await readFile(statIndexPath(m.dir), "utf8");
    const file = JSON.parse(saved) as { outputs: string[]; stats: number[]; sha256: string };
    // Written in the manifest's order, for the outputs plan hashed (not one of another size).
    expect(file.outputs).toEqual(["o/zeta.png", "o/edited.png", "o/alpha.png", "o/mid.png"]);
    const rows = file.outputs.map((output, k) => ({
      output,
      stats: file.stats.slice(3 * k, 3 * k + 3),
      sha256: file.sha256.slice(64 * k, 64 * k + 64),
    }));
    const written = (listed: typeof rows) =>
      `${JSON.stringify({
        ...file,
        outputs: listed.map((r) => r.output),
        stats: listed.flatMap((r) => r.stats),
        sha256: listed.map((r) => r.sha256).join(""),
      })}\n`;
    const sorted = [...rows].sort((a, b) => (a.output < b.output ? -1 : 1));
    const extra = { output: "o/nobody.png", stats: [1, 2, 3], sha256: sha("x") };
    // Other bytes behind the same stat: only a plan that trusts the index calls zeta unchanged.
    await put(m.dir, "o/zeta.png", "ZETA bytes");
    for (const [text, trusted] of [
      [written(sorted), true], // as builds before this one wrote it
      [written([...rows].reverse()), true],
      [written([extra, ...rows.slice(2), extra, ...rows.slice(0, 2)]), true],
      [written(rows.slice(1)), false],
      ["{damaged", false],
    ] as const) {
      await writeFile(statIndexPath(m.dir), text);
      const again = await planManifestToShow(now, undefined);
      if (trusted) expect(again.plan).toEqual(first.plan);
      else {
        expect(again.plan.entries[0]?.status).toBe("modified");
        expect(again.plan.entries.slice(1)).toEqual(first.plan.entries.slice(1));
      }
      await again.index.save();
      expect(await readFile(statIndexPath(m.dir), "utf8")).toMatch(
        /"outputs":\["o\/zeta.png","o\/edited.png","o\/alpha.png","o\/mid.png"\]/,
      );
    }
    expect(first.plan.entries.map((e) => [e.id, e.status])).toEqual([
      ["zeta", "unchanged"],
      ["gone", "missing"],
      ["edited", "modified"],
      ["grown", "modified"],
      ["alpha", "unchanged"],
      ["changed", "changed"],
      ["new", "new"],
      ["mid", "unchanged"],
      ["orphan", "orphaned"],
    ]);
  });

  it("shows the plan a render makes, reading only the bytes of unchanged requests' entries", async () => {
    const { assets, m } = await renderedThenTouched([
      "same",
      "gone",
      "edited",
      "grown",
      "changed",
      "variants",
      "orphan",
    ]);
    const now = {
      ...m,
      assets: [
        ...assets.slice(0, 4),
        makeAsset({ id: "changed", output: "o/changed.png", prompt: "another prompt" }),
        // Variants asked for now and not in the lock: "variants changed", read from either lock.
        makeAsset({
          id: "variants",
          output: "o/variants.png",
          variants: [{ width: 8, format: "webp", quality: 80 }],
        }),
        makeAsset({ id: "new", output: "o/new.png" }),
      ],
    };
    const lockless = (plan: Plan) => plan.entries.map(({ lock: _, ...rest }) => rest);
    for (const outputs of [undefined, "store"] as const) {
      const manifest = outputs === undefined ? now : { ...now, outputs };
      const whole = (await planManifest(manifest, undefined)).plan;
      for (const early of [
        undefined,
        probeOutputs(
          now.dir,
          { lockPath: lockfilePathFor(now.path) },
          { minLockBytes: 0, hash: true },
        ),
      ]) {
        const shown = (await planManifestToShow(manifest, early)).plan;
        expect(lockless(shown)).toEqual(lockless(whole));
        expect(shown.counts).toEqual(whole.counts);
        // Only the entries a plan must read whole are there: a changed request and an orphan.
        expect(shown.entries.filter((e) => e.lock).map((e) => e.id)).toEqual(["changed", "orphan"]);
      }
      expect(whole.entries.map((e) => [e.id, e.status])).toEqual([
        ["same", "unchanged"],
        ["gone", outputs === "store" ? "stored" : "missing"],
        ["edited", "modified"],
        ["grown", "modified"],
        ["changed", "changed"],
        ["variants", "unchanged"],
        ["new", "new"],
        ["orphan", "orphaned"],
      ]);
    }
  });

  it("writes nothing itself; saving the index writes only .agentframer/", async () => {
    const m = await rendered([makeAsset({ id: "a", output: "a.png" })]);
    const before = await listFiles(m.dir);
    const planned = await planManifest(m);
    expect(await listFiles(m.dir)).toEqual(before);
    await planned.index.save();
    expect(await listFiles(m.dir)).toEqual([
      ".agentframer/.gitignore",
      ".agentframer/stat-index.json",
      "a.png",
      "agentframer.lock",
    ]);
  });

  it("trusts the index for a file whose stat is unchanged and old enough", async () => {
    const a = makeAsset({ id: "a", output: "a.png" });
    const m = await rendered([a]);
    await (await planManifest(m)).index.save();
    // Same size, same mtime, other bytes: only a stat index would miss this, which proves it is used.
    await put(m.dir, "a.png", "A bytes");
    expect(await statuses(m)).toEqual([["a", "unchanged"]]);
    // A changed mtime makes plan look again.
    await put(m.dir, "a.png", "A bytes", new Date(HOUR_AGO.getTime() + 1000));
    expect(await statuses(m)).toEqual([["a", "modified"]]);
  });

  it("does not trust a racy entry: an mtime close to the index write", async () => {
    const a = makeAsset({ id: "a", output: "a.png" });
    const m = await rendered([a]);
    const justNow = new Date();
    await utimes(join(m.dir, "a.png"), justNow, justNow);
    await (await planManifest(m)).index.save(justNow.getTime() + RACY_WINDOW_MS / 2);
    await put(m.dir, "a.png", "A bytes", justNow);
    expect(await statuses(m)).toEqual([["a", "modified"]]);
  });

  it("ignores a damaged index", async () => {
    const m = await rendered([makeAsset({ id: "a", output: "a.png" })]);
    await mkdir(join(m.dir, ".agentframer"));
    await writeFile(statIndexPath(m.dir), "{nonsense");
    expect(await statuses(m)).toEqual([["a", "unchanged"]]);
  });

  it("drops index entries for outputs no longer in the manifest", async () => {
    const assets = [
      makeAsset({ id: "a", output: "a.png" }),
      makeAsset({ id: "b", output: "b.png" }),
    ];
    const m = await rendered(assets);
    await (await planManifest(m)).index.save();
    await (await planManifest({ ...m, assets: assets.slice(0, 1) })).index.save();
    const index = JSON.parse(await readFile(statIndexPath(m.dir), "utf8")) as { outputs: string[] };
    expect(index.outputs).toEqual(["a.png"]);
  });
});

describe("recordOutputStates (for the render engine)", () => {
  it("lets the next plan trust a freshly recorded output without reading it", async () => {
    const a = makeAsset({ id: "a", output: "a.png" });
    const m = await rendered([a]);
    await recordOutputStates(m.dir, [{ output: "a.png", sha256: sha("a bytes") }]);
    expect((await StatIndex.load(m.dir)).dirty).toBe(false);
    // Other bytes behind the same stat: plan believes the recorded hash, so it read nothing.
    await put(m.dir, "a.png", "A bytes");
    const planned = await planManifest(m);
    expect(planned.plan.entries.map((e) => e.status)).toEqual(["unchanged"]);
    expect(planned.index.dirty).toBe(false);
  });
});
