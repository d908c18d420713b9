import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { RunLockError, runLockPath, withRunLock } from "./run-lock.js";

const lockDir = (): Promise<string> => tempDir("af-runlock-");

describe("withRunLock", () => {
  it("lets one render of a folder run at a time, and frees the folder when it ends", async () => {
    const dir = await lockDir();
    let release!: () => void;
    const first = withRunLock(
      "/repo",
      () => new Promise<string>((r) => (release = () => r("first"))),
      dir,
    );
    await new Promise((r) => setTimeout(r, 20));
    await expect(withRunLock("/repo", async () => "second", dir)).rejects.toThrow(RunLockError);
    await expect(withRunLock("/repo", async () => "second", dir)).rejects.toThrow(
      `another agentframer render of /repo is running (pid ${process.pid})`,
    );
    expect(await withRunLock("/other-checkout", async () => "other", dir)).toBe("other");
    release();
    expect(await first).toBe("first");
    expect(await withRunLock("/repo", async () => "third", dir)).toBe("third");
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over a lock left by a process that was killed", async () => {
    const dir = await lockDir();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    await writeFile(runLockPath("/repo", dir), `${gone}\n`);
    expect(await withRunLock("/repo", async () => "ran", dir)).toBe("ran");
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over an empty lock file (a render killed as it created one, before this fix)", async () => {
    const dir = await lockDir();
    await writeFile(runLockPath("/repo", dir), "");
    expect(await withRunLock("/repo", async () => "ran", dir)).toBe("ran");
    expect(await readdir(dir)).toEqual([]);
  });

  it("never leaves a lock file without a pid: it is written before it is in place", async () => {
    const dir = await lockDir();
    const lock = runLockPath("/repo", dir);
    const seen = await withRunLock(
      "/repo",
      async () => ({ text: await readFile(lock, "utf8"), files: await readdir(dir) }),
      dir,
    );
    expect(seen.text).toBe(`${process.pid}\n`);
    // The file of our own the pid went into first is gone once the lock is in place.
    expect(seen.files).toEqual([basename(lock)]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("frees the folder when the work throws", async () => {
    const dir = await lockDir();
    await expect(
      withRunLock(
        "/repo",
        async () => {
          throw new Error("boom");
        },
        dir,
      ),
    ).rejects.toThrow("boom");
    expect(await readdir(dir)).toEqual([]);
  });
});
