import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeOutputs, readOutputStates, type ProbeAnswers } from "./output-state.js";
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

/**
 * What the probe answers for `output` (the output of the asset at `place`): undefined when it has
 * no answer, null for no such file, else what stat said (and the SHA-256 when it hashed).
 */
type Answer =
  | { size: number; mtimeMs: number; ino: number; isFile: () => boolean; sha256?: string }
  | null
  | undefined;
type Prestat = (output: string, place?: number) => Answer;

function answersOf(answers: ProbeAnswers | undefined): Prestat {
  if (answers === undefined) throw new Error("no probe");
  return (output, place) => {
    const row = answers.row(output, place);
    if (row < 0) return undefined;
    const kind = answers.kind(row);
    if (kind === 1) return null;
    const { size, mtimeMs, ino } = answers.factsAt(row);
    const hex = Buffer.from(answers.digests.subarray(row * 32, row * 32 + 32)).toString("hex");
    return { size, mtimeMs, ino, isFile: () => kind !== 3, ...(kind === 5 ? { sha256: hex } : {}) };
  };
}

async function probe(
  dir: string,
  options: { hash?: boolean; steal?: boolean; places?: number[] } = {},
): Promise<ProbeAnswers> {
  const started = probeOutputs(
    dir,
    { lockPath: lockfilePathFor(join(dir, "agentframer.yml")) },
    { minLockBytes: 0, ...options },
  );
  if (started === undefined) throw new Error("no probe");
  const answers = await started.finish({ steal: options.steal ?? true, places: options.places });
  if (answers === undefined) throw new Error("no answers");
  return answers;
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const FOUR = sha("four");
/** Outputs whose lock entries all record 4 bytes hashing to FOUR, and what each is found to be. */
const OUTPUTS = ["a.png", "b.png", "same-size.png", "folder.png", "gone.png", "unlocked.png"].map(
  (f) => `out/${f}`,
);
const VERDICTS = ["locked", "modified", "modified", "modified", "missing", "locked"];

async function writeOutputs(): Promise<string> {
  const dir = await tempRepo();
  await mkdir(join(dir, "out/folder.png"), { recursive: true });
  await writeFile(join(dir, "out/a.png"), "four");
  await writeFile(join(dir, "out/b.png"), "longer");
  await writeFile(join(dir, "out/same-size.png"), "FOUR");
  await writeFile(join(dir, "out/unlocked.png"), "four");
  return dir;
}

/** readOutputStates' verdicts for OUTPUTS, and what its index then trusts of each. */
async function statesOf(
  dir: string,
  answers?: ProbeAnswers,
): Promise<{ verdicts: Array<string | undefined>; index: Array<string | undefined> }> {
  const index = StatIndex.empty(dir, OUTPUTS);
  const locked = () => ({ size: 4, sha256: FOUR });
  const states = await readOutputStates(dir, OUTPUTS, locked, index, answers);
  // Saved as if a minute later, so that nothing in it is too recent to trust.
  await index.save(Date.now() + 60_000);
  const saved = await StatIndex.load(dir, OUTPUTS);
  const trusted = await Promise.all(
    OUTPUTS.map(async (o) => {
      const s = await stat(join(dir, o)).catch(() => undefined);
      return s && saved.trustedSha256(o, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
    }),
  );
  return { verdicts: OUTPUTS.map((_, place) => states.get(place)), index: trusted };
}

/** Stat only by the worker; hash by the worker; hash, with this thread taking everything first. */
const PROBE_MODES = [
  [false, false],
  [true, false],
  [true, true],
] as const;

/** What the probe says about out/a.png (a 4-byte file), out/folder.png and out/gone.png. */
async function checkProbe(dir: string, answers: ProbeAnswers | undefined): Promise<void> {
  const prestat = answersOf(answers);
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
        const prestat = answersOf(await probe(dir, { hash: true, steal }));
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
      const prestat = answersOf(await probe(dir, { hash: true }));
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
      const prestat = answersOf(await probe(dir, { hash: true, steal }));
      expect(prestat("big.png")?.sha256).toBe(sha(big));
      expect(prestat("exact.png")?.sha256).toBe(sha(Buffer.alloc(256 * 1024, 1)));
      expect(prestat("empty.png")?.sha256).toBe(sha(""));
    }
  });

  it("tells whether a hashed output has the SHA-256 the lock spells, without a string", async () => {
    const dir = await tempRepo();
    await writeFile(join(dir, "a.png"), "four");
    await writeLockNaming(dir, ["a.png"]);
    const right = createHash("sha256").update("four").digest("hex");
    const answers = await probe(dir, { hash: true });
    const row = answers.row("a.png", 0);
    expect(answers.digestIs(row, right)).toBe(true);
    // A near miss in the last digit, and upper case, are not the same hash.
    const wrong = right.slice(0, 63) + (right.endsWith("0") ? "1" : "0");
    expect(answers.digestIs(row, wrong)).toBe(false);
    expect(answers.digestIs(row, right.toUpperCase())).toBe(false);
    // A wrong place is ignored: the path decides.
    expect(answers.row("a.png", 5)).toBe(row);
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
    const prestat = answersOf(await probe(dir));
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
    const prestat = answersOf(await probe(dir, { hash: true }));
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
    const prestat = answersOf(await probe(dir));
    expect(prestat("a.png")).toBeUndefined();
  });

  it("gives readOutputStates the same states as its own stat calls", async () => {
    const dir = await writeOutputs();
    // The lock names all but the last, in its own order: that one the caller stats itself.
    const named = OUTPUTS.slice(0, -1).reverse();
    await writeLockNaming(dir, named);
    const places = OUTPUTS.map((o) => named.indexOf(o));
    const own = await statesOf(dir);
    expect(own.verdicts).toEqual(VERDICTS);
    // Every file of the right size was hashed and recorded: a.png, same-size.png, unlocked.png.
    expect(own.index).toEqual([FOUR, undefined, sha("FOUR"), undefined, undefined, FOUR]);
    for (const [hash, steal] of PROBE_MODES) {
      const answers = await probe(dir, { hash, steal, places });
      expect(answersOf(answers)("out/a.png")?.sha256).toBe(hash ? FOUR : undefined);
      const viaWorker = await statesOf(dir, answers);
      expect(viaWorker.verdicts).toEqual(own.verdicts);
      // What the worker hashed is recorded as the main thread's hashing is.
      expect(viaWorker.index).toEqual(own.index);
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
    const dir = await writeOutputs();
    const own = await statesOf(dir);
    for (const [hash, steal] of PROBE_MODES) {
      const answers = await probeOutputs(dir, { outputs: OUTPUTS }, { min: 0, hash })?.finish({
        steal,
      });
      expect(answersOf(answers)("out/a.png")?.sha256).toBe(hash ? FOUR : undefined);
      const viaWorker = await statesOf(dir, answers);
      expect(viaWorker.verdicts).toEqual(own.verdicts);
      expect(viaWorker.index).toEqual(own.index);
    }
  });
});
