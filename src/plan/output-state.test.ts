import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeOutputs, readOutputStates, type OutputProbe } from "./output-state.js";
import { StatIndex } from "../state/stat-index.js";
import { tempRepo } from "../../test/support/temp-repo.js";
import { lockfilePathFor } from "../state/paths.js";

/** A lockfile naming `outputs`, one asset per line as written, with nothing else checked. */
async function writeLockNaming(dir: string, outputs: readonly string[]): Promise<string> {
  const lines = outputs.map(
    (o, i) => `    "a${i}": {"hash":"${"0".repeat(64)}","output":${JSON.stringify(o)},"size":4}`,
  );
  const path = lockfilePathFor(join(dir, "agentframer.yml"));
  await writeFile(path, `{\n  "version": 1,\n  "assets": {\n${lines.join(",\n")}\n  }\n}\n`);
  return path;
}

type Prestat = Awaited<ReturnType<OutputProbe["finish"]>>;

async function probe(
  dir: string,
  options: { hash?: boolean; steal?: boolean } = {},
): Promise<Prestat> {
  const started = probeOutputs(
    dir,
    { lockPath: lockfilePathFor(join(dir, "agentframer.yml")) },
    { minLockBytes: 0, ...options },
  );
  if (started === undefined) throw new Error("no probe");
  return started.finish({ steal: options.steal ?? true });
}

/** Stat only by the worker; hash by the worker; hash, with this thread taking everything first. */
const PROBE_MODES = [
  [false, false],
  [true, false],
  [true, true],
] as const;

/** What the probe says about out/a.png (a 4-byte file), out/folder.png and out/gone.png. */
async function checkProbe(dir: string, prestat: Prestat | undefined): Promise<void> {
  if (prestat === undefined) throw new Error("no probe");
  const real = await stat(join(dir, "out/a.png"));
  const a = prestat("out/a.png");
  expect(a && { size: a.size, mtimeMs: a.mtimeMs, ino: a.ino, file: a.isFile() }).toEqual({
    size: 4,
    mtimeMs: real.mtimeMs,
    ino: real.ino,
    file: true,
  });
  expect(prestat("out/folder.png")?.isFile()).toBe(false);
  expect(prestat("out/gone.png")).toBeNull();
  // Not asked about (not in the list, not named by the lock): the caller stats it itself.
  expect(prestat("out/other.png")).toBeUndefined();
}

describe("probeOutputs, from the paths a lockfile names", () => {
  it("says what stat says about the outputs the lock names: files, folders, missing paths", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    await writeLockNaming(dir, ["out/a.png", "out/folder.png", "out/gone.png"]);
    // Once by the worker alone, once by this thread alone (it takes everything first).
    for (const steal of [false, true]) await checkProbe(dir, await probe(dir, { steal }));
  });

  it.runIf(process.platform !== "win32")(
    "opens a FIFO where an output should be without waiting for a writer, and says it is no file",
    async () => {
      const dir = await tempRepo();
      await mkdir(join(dir, "out"));
      execFileSync("mkfifo", [join(dir, "out/pipe.png")]);
      await writeFile(join(dir, "out/a.png"), "four");
      await writeLockNaming(dir, ["out/pipe.png", "out/a.png"]);
      for (const steal of [false, true]) {
        const prestat = await probe(dir, { hash: true, steal });
        expect(prestat("out/pipe.png")?.isFile()).toBe(false);
        expect(prestat("out/a.png")?.sha256).toBe(
          createHash("sha256").update("four").digest("hex"),
        );
      }
    },
  );

  it.runIf(process.platform !== "win32")(
    "leaves an output that is a symbolic link to the caller when hashing",
    async () => {
      const dir = await tempRepo();
      await writeFile(join(dir, "real.png"), "four");
      await symlink(join(dir, "real.png"), join(dir, "link.png"));
      await writeLockNaming(dir, ["link.png", "real.png"]);
      const prestat = await probe(dir, { hash: true });
      expect(prestat("link.png")).toBeUndefined();
      expect(prestat("real.png")?.size).toBe(4);
    },
  );

  it("hashes files larger than one read", async () => {
    const dir = await tempRepo();
    const big = Buffer.alloc(600 * 1024 + 7, 7);
    await writeFile(join(dir, "big.png"), big);
    await writeFile(join(dir, "exact.png"), Buffer.alloc(256 * 1024, 1));
    await writeFile(join(dir, "empty.png"), "");
    await writeLockNaming(dir, ["big.png", "exact.png", "empty.png"]);
    const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
    for (const steal of [false, true]) {
      const prestat = await probe(dir, { hash: true, steal });
      expect(prestat("big.png")?.sha256).toBe(sha(big));
      expect(prestat("exact.png")?.sha256).toBe(sha(Buffer.alloc(256 * 1024, 1)));
      expect(prestat("empty.png")?.sha256).toBe(sha(""));
    }
  });

  it("gives back the caller's own string when the bytes have the hash it expects", async () => {
    const dir = await tempRepo();
    await writeFile(join(dir, "a.png"), "four");
    await writeLockNaming(dir, ["a.png"]);
    const right = createHash("sha256").update("four").digest("hex");
    const prestat = await probe(dir, { hash: true });
    expect(prestat("a.png", 0, right)?.sha256).toBe(right);
    // A near miss in the last digit, and upper case, are not the same hash.
    const wrong = right.slice(0, 63) + (right.endsWith("0") ? "1" : "0");
    expect(prestat("a.png", 0, wrong)?.sha256).toBe(right);
    expect(prestat("a.png", 0, right.toUpperCase())?.sha256).toBe(right);
    // A wrong place is ignored: the path decides.
    expect(prestat("a.png", 5, right)?.sha256).toBe(right);
  });

  it("is not started for a small lockfile or none", async () => {
    const dir = await tempRepo();
    const lockPath = lockfilePathFor(join(dir, "agentframer.yml"));
    expect(probeOutputs(dir, { lockPath }, { minLockBytes: 0 })).toBeUndefined();
    await writeLockNaming(dir, ["a.png"]);
    expect(probeOutputs(dir, { lockPath })).toBeUndefined();
  });

  it("reads paths however the lockfile is laid out, escapes included", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out"));
    await writeFile(join(dir, 'out/é "q".png'), "four");
    await writeFile(join(dir, "out/b.png"), "four");
    // Spread over lines, spaces around the colon, \u and \" escapes.
    const pretty = [
      "{",
      '  "version": 1,',
      '  "assets": {',
      '    "a": {',
      '      "output" : "out/\\u00e9 \\"q\\".png",',
      '      "size": 4',
      "    },",
      '    "b": { "output": "out\\u002fb.png", "size": 4 }',
      "  }",
      "}",
    ].join("\n");
    await writeFile(lockfilePathFor(join(dir, "agentframer.yml")), pretty);
    const prestat = await probe(dir);
    expect(prestat('out/é "q".png')?.size).toBe(4);
    expect(prestat("out/b.png")?.size).toBe(4);
  });

  it("never looks outside the folder or at odd paths a hostile lockfile names", async () => {
    const outer = await tempRepo();
    const dir = join(outer, "repo");
    await mkdir(join(dir, "out"), { recursive: true });
    await writeFile(join(outer, "secret.png"), "four");
    await writeFile(join(dir, "out/a.png"), "four");
    const hostile = [
      "../secret.png",
      "out/../../secret.png",
      join(outer, "secret.png"),
      "./out/a.png",
      "out//a.png",
      "out\\a.png",
      "out/a.png\u0000",
    ];
    await writeLockNaming(dir, [...hostile, "out/a.png"]);
    const prestat = await probe(dir, { hash: true });
    for (const path of hostile) expect(prestat(path), path).toBeUndefined();
    expect(prestat("out/a.png")?.sha256).toBe(createHash("sha256").update("four").digest("hex"));
  });

  it("knows nothing, and throws nothing, for a damaged lockfile", async () => {
    const dir = await tempRepo();
    await writeFile(join(dir, "a.png"), "four");
    await writeFile(
      lockfilePathFor(join(dir, "agentframer.yml")),
      `<<<<<<< ours\n"output": "a.png\n${"x".repeat(70_000)}`,
    );
    const prestat = await probe(dir);
    expect(prestat("a.png")).toBeUndefined();
  });

  it("gives readOutputStates the same states as its own stat calls", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    await writeFile(join(dir, "out/b.png"), "longer");
    const checks = ["a.png", "b.png", "folder.png", "gone.png", "unlocked.png"].map((f) => ({
      output: `out/${f}`,
      size: 4,
    }));
    await writeFile(join(dir, "out/unlocked.png"), "four");
    // The lock names all but the last: that one the caller stats itself.
    await writeLockNaming(
      dir,
      checks.slice(0, -1).map((c) => c.output),
    );
    const ownIndex = StatIndex.empty(dir);
    const own = await readOutputStates(dir, checks, ownIndex);
    for (const [hash, steal] of PROBE_MODES) {
      const prestat = await probe(dir, { hash, steal });
      expect(prestat("out/a.png")?.sha256).toBe(
        hash ? createHash("sha256").update("four").digest("hex") : undefined,
      );
      const index = StatIndex.empty(dir);
      const viaWorker = await readOutputStates(dir, checks, index, prestat);
      // Compared as lookups: the order of insertion differs (hashed files come last).
      expect(new Map([...viaWorker].sort())).toEqual(new Map([...own].sort()));
      // What the worker hashed is recorded as the main thread's hashing is.
      expect(index.dirty).toBe(ownIndex.dirty);
    }
  });
});

describe("probeOutputs, from a list of outputs", () => {
  it("says what stat says, for files, folders and missing paths", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    const outputs = ["out/a.png", "out/folder.png", "out/gone.png"];
    // Once by the worker alone, once by this thread alone (it takes everything first).
    for (const steal of [false, true]) {
      await checkProbe(dir, await probeOutputs(dir, { outputs }, { min: 0 })?.finish({ steal }));
    }
  });

  it("is not started for a few outputs", async () => {
    expect(probeOutputs(await tempRepo(), { outputs: ["a.png"] })).toBeUndefined();
  });

  it("gives readOutputStates the same states as its own stat calls", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    await writeFile(join(dir, "out/b.png"), "longer");
    // With their place in the probe's list, as plan passes them (found by name otherwise).
    const checks = ["a.png", "b.png", "folder.png", "gone.png"].map((f, asset) => ({
      output: `out/${f}`,
      size: 4,
      asset,
    }));
    const outputs = checks.map((c) => c.output);
    const ownIndex = StatIndex.empty(dir);
    const own = await readOutputStates(dir, checks, ownIndex);
    for (const [hash, steal] of PROBE_MODES) {
      const prestat = await probeOutputs(dir, { outputs }, { min: 0, hash })?.finish({ steal });
      expect(prestat).toBeDefined();
      expect(prestat?.("out/a.png")?.sha256).toBe(
        hash ? createHash("sha256").update("four").digest("hex") : undefined,
      );
      const index = StatIndex.empty(dir);
      const viaWorker = await readOutputStates(dir, checks, index, prestat);
      // Compared as lookups: the order of insertion differs (hashed files come last).
      expect(new Map([...viaWorker].sort())).toEqual(new Map([...own].sort()));
      // What the worker hashed is recorded as the main thread's hashing is.
      expect(index.dirty).toBe(ownIndex.dirty);
    }
  });
});
