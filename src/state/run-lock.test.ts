import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { runLockPath, stateDirFor } from "./paths.js";
import { RunLockError, withRunLock } from "./run-lock.js";

/** What the state folder holds, less the `.gitignore` every command leaves in it. */
async function stateFiles(repo: string): Promise<string[]> {
  return (await readdir(stateDirFor(repo))).filter((name) => name !== ".gitignore");
}

/** A manifest folder that already has its state folder, as after a first render. */
async function checkout(): Promise<string> {
  const dir = await tempDir("af-runlock-");
  await mkdir(stateDirFor(dir));
  return dir;
}

describe("withRunLock", () => {
  it("lets one render of a folder run at a time, and frees the folder when it ends", async () => {
    const repo = await checkout();
    const other = await checkout();
    let release!: () => void;
    const first = withRunLock(repo, () => new Promise<string>((r) => (release = () => r("first"))));
    // Held once its pid file is in place (however slow the machine is today).
    while (!existsSync(runLockPath(repo))) await new Promise((r) => setTimeout(r, 5));
    await expect(withRunLock(repo, async () => "second")).rejects.toThrow(RunLockError);
    await expect(withRunLock(repo, async () => "second")).rejects.toThrow(
      `another agentframer render of ${repo} is running (pid ${process.pid})`,
    );
    expect(await withRunLock(other, async () => "other")).toBe("other");
    release();
    expect(await first).toBe("first");
    expect(await withRunLock(repo, async () => "third")).toBe("third");
    expect(await stateFiles(repo)).toEqual([]);
  });

  it("lives in .agentframer/, so a render with another TMPDIR sees it", async () => {
    const repo = await checkout();
    const seen = await withRunLock(repo, async () => stateFiles(repo));
    expect(seen).toEqual(["render.pid"]);
  });

  it("leaves no trace in a folder whose state folder it had to create", async () => {
    const repo = await tempDir("af-runlock-");
    expect(await withRunLock(repo, async () => readdir(repo))).toEqual([".agentframer"]);
    expect(await readdir(repo)).toEqual([]);
  });

  it("takes over a lock left by a process that was killed", async () => {
    const repo = await checkout();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    await writeFile(runLockPath(repo), `${gone}\n`);
    expect(await withRunLock(repo, async () => "ran")).toBe("ran");
    expect(await stateFiles(repo)).toEqual([]);
  });

  it("takes over an empty lock file (a render killed as it created one, before this fix)", async () => {
    const repo = await checkout();
    await writeFile(runLockPath(repo), "");
    expect(await withRunLock(repo, async () => "ran")).toBe("ran");
    expect(await stateFiles(repo)).toEqual([]);
  });

  it("never leaves a lock file without a pid: it is written before it is in place", async () => {
    const repo = await checkout();
    const lock = runLockPath(repo);
    const seen = await withRunLock(repo, async () => ({
      text: await readFile(lock, "utf8"),
      files: await stateFiles(repo),
    }));
    expect(seen.text).toBe(`${process.pid}\n`);
    // The file of our own the pid went into first is gone once the lock is in place.
    expect(seen.files).toEqual([basename(lock)]);
    expect(await stateFiles(repo)).toEqual([]);
  });

  it("removes the file of its own a render killed before linking it left behind", async () => {
    const repo = await checkout();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const left = `${runLockPath(repo)}.${gone}.0a1b2c3d.tmp`;
    await writeFile(left, `${gone}\n`);
    const live = `${runLockPath(repo)}.${process.ppid}.0a1b2c3d.tmp`;
    await writeFile(live, `${process.ppid}\n`);
    await withRunLock(repo, async () => "ran");
    expect(await stateFiles(repo)).toEqual([basename(live)]);
  });

  it("frees the folder when the work throws", async () => {
    const repo = await checkout();
    await expect(
      withRunLock(repo, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await stateFiles(repo)).toEqual([]);
  });

  it("runs the work unlocked when the folder does not exist (its load reports that)", async () => {
    const missing = join(await tempDir("af-runlock-"), "no-such-folder");
    expect(await withRunLock(missing, async () => "loaded")).toBe("loaded");
  });
});
