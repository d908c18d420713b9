/**
 * Two things a user meets on the first day of `outputs: store`, through the built CLI against the
 * emulator and a real bare `origin`:
 * - `.agentframer/` (the store's private clone, the run lock, the cache) is never offered to git:
 *   after `pull`, `lock merge` or `render` in a fresh clone, `git add -A` stages nothing under it;
 * - a render with `outputs: store` and no store is refused before anything is paid for (exit 2,
 *   with the fix), not run and then failed asset by asset.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { runDistCli } from "../support/dist-cli.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../support/git-remote.js";
import { TEST_KEY } from "../support/render-repo.js";
import { allowPartialClone } from "../support/store-remote.js";
import { tempDir } from "../support/temp-dir.js";
import { TWO_SMALL_IMAGES_IN_STORE } from "../support/small-manifests.js";

const MANIFEST = TWO_SMALL_IMAGES_IN_STORE;

let emulator: Emulator;
let remote: GitRemote;
beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 1, maxMs: 5 } },
  });
  remote = createGitRemote({ "agentframer.yml": MANIFEST, ".gitignore": "public/\n" });
  allowPartialClone(remote.bare);
});
afterEach(async () => {
  await emulator.close();
  remote.cleanup();
});

function env(): NodeJS.ProcessEnv {
  return {
    ...GIT_TEST_ENV,
    HOME: remote.clone,
    AGENTFRAMER_API_URL: emulator.apiUrl,
    AGENTFRAMER_API_KEY: TEST_KEY,
    CI: "1",
  };
}

/** A new clone of `origin`, as a fan-in job or a teammate starts from. */
async function freshClone(): Promise<string> {
  const dir = join(await tempDir("af-fresh-"), "work");
  remote.git(["clone", "--quiet", remote.bare, dir], remote.bare);
  return dir;
}

/** What `git add -A` would stage under `.agentframer/`. */
function stagedState(dir: string): string[] {
  remote.git(["add", "-A"], dir);
  return remote
    .git(["diff", "--cached", "--name-only"], dir)
    .split("\n")
    .filter((path) => path.startsWith(".agentframer"));
}

describe(".agentframer/ is never offered to git", () => {
  it("after pull, lock merge and render in a fresh clone, git add -A stages nothing under it", async () => {
    // A teammate renders into the store and commits the lock.
    const pushed = await runDistCli(
      ["render", "--store", "git", "--store-push"],
      remote.clone,
      env(),
    );
    expect(pushed.code, pushed.stderr).toBe(0);
    const shardLock = join(await tempDir("af-shard-"), "agentframer.lock");
    copyFileSync(join(remote.clone, "agentframer.lock"), shardLock);
    remote.git(["add", "agentframer.lock"]);
    remote.git(["commit", "--quiet", "-m", "lock"]);
    remote.git(["push", "--quiet", "origin", "HEAD"]);

    const pullClone = await freshClone();
    const pull = await runDistCli(["pull", "--store", "git"], pullClone, env());
    expect(pull.code, pull.stderr).toBe(0);
    expect(readFileSync(join(pullClone, "public/hero.png")).length).toBeGreaterThan(0);
    expect(stagedState(pullClone)).toEqual([]);

    const mergeClone = await freshClone();
    const merge = await runDistCli(
      ["lock", "merge", shardLock, "--store", "git"],
      mergeClone,
      env(),
    );
    expect(merge.code, merge.stderr).toBe(0);
    expect(stagedState(mergeClone)).toEqual([]);

    const renderClone = await freshClone();
    const render = await runDistCli(["render", "--store", "git"], renderClone, env());
    expect(render.code, render.stderr).toBe(0);
    expect(stagedState(renderClone)).toEqual([]);
  });
});

describe("outputs: store with no store", () => {
  it("is refused before any job is submitted, with the fix", async () => {
    const run = await runDistCli(["render", "--no-store"], remote.clone, env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/outputs: store/);
    expect(run.stderr).toMatch(/--store/);
    expect(emulator.ledger.requests.create).toBe(0);
  });

  it("is refused the same when nothing names a store", async () => {
    const run = await runDistCli(["render"], remote.clone, env());
    expect(run.code).toBe(2);
    expect(emulator.ledger.requests.create).toBe(0);
  });
});
