/**
 * `agentframer render` and the store, over a real bare `origin` and the emulator: a teammate
 * pushes renders with --store-push; another clone restores them instead of paying again, and
 * writes nothing unless asked.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { RenderResult } from "../../src/render/result.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../support/git-remote.js";
import { captureStream, TEST_KEY } from "../support/render-repo.js";
import { allowPartialClone } from "../support/store-remote.js";
import { tempDir } from "../support/temp-dir.js";
import { TWO_SMALL_IMAGES } from "../support/small-manifests.js";

const MANIFEST = TWO_SMALL_IMAGES;

let emulator: Emulator;
let remote: GitRemote;
beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 1, maxMs: 5 } },
  });
  remote = createGitRemote({ "agentframer.yml": MANIFEST });
  allowPartialClone(remote.bare);
});
afterEach(async () => {
  await emulator.close();
  remote.cleanup();
});

async function render(cwd: string, args: string[] = []) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(["render", "--json", ...args], {
    stdout,
    stderr,
    cwd,
    env: {
      PATH: process.env.PATH,
      ...GIT_TEST_ENV,
      AGENTFRAMER_API_URL: emulator.apiUrl,
      AGENTFRAMER_API_KEY: TEST_KEY,
      CI: "1",
    },
  });
  const result = code === 2 ? undefined : (JSON.parse(stdout.text()) as RenderResult);
  return { code, result, stderr: stderr.text() };
}

const storeTip = () => {
  try {
    return remote.git(["rev-parse", "refs/heads/agentframer-store"], remote.bare).trim();
  } catch {
    return undefined;
  }
};

describe("agentframer render with the store", () => {
  it("restores a teammate's renders instead of paying again, and writes only when asked", async () => {
    const alice = await render(remote.clone, ["--store-push"]);
    expect(alice.code, alice.stderr).toBe(0);
    expect(alice.result?.counts.rendered).toBe(2);
    expect(storeTip()).toBeDefined();

    const bob = join(await tempDir("af-bob-"), "work");
    execFileSync("git", ["clone", "--quiet", remote.bare, bob], {
      env: { ...process.env, ...GIT_TEST_ENV },
    });
    const posts = emulator.ledger.requests.create;
    const restored = await render(bob);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.result?.counts).toMatchObject({ rendered: 0, restored: 2 });
    expect(emulator.ledger.requests.create).toBe(posts);
    for (const file of ["public/hero.png", "public/logo.png"])
      expect(readFileSync(join(bob, file)).equals(readFileSync(join(remote.clone, file)))).toBe(
        true,
      );

    // A new asset of Bob's is rendered, and without --store-push the store does not move.
    const tip = storeTip();
    writeFileSync(
      join(bob, "agentframer.yml"),
      `${MANIFEST}  - id: banner\n    prompt: A kite over a beach\n    output: public/banner.png\n`,
    );
    const own = await render(bob);
    expect(own.result?.counts).toMatchObject({ rendered: 1, unchanged: 2 });
    expect(storeTip()).toBe(tip);
  });

  it("--no-store renders without looking, and a bad --store is a usage error", async () => {
    await render(remote.clone, ["--store-push"]);
    const bob = join(await tempDir("af-bob-"), "work");
    execFileSync("git", ["clone", "--quiet", remote.bare, bob], {
      env: { ...process.env, ...GIT_TEST_ENV },
    });
    const off = await render(bob, ["--no-store"]);
    expect(off.result?.counts).toMatchObject({ rendered: 2, restored: 0 });
    const bad = await render(bob, ["--store", "ftp://x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'store "ftp://x" is not one of: git, git:BRANCH, s3://BUCKET/PREFIX, none',
    );
  });

  it("refuses a store entry whose bytes were tampered with and renders that asset instead", async () => {
    await render(remote.clone, ["--store-push"]);
    const alicesHero = readFileSync(join(remote.clone, "public/hero.png"));
    // Someone rewrites hero's bytes on the store branch, keeping its record.
    const work = join(await tempDir("af-tamper-"), "store");
    const git = (args: string[]) =>
      execFileSync("git", args, { cwd: work, env: { ...process.env, ...GIT_TEST_ENV } });
    execFileSync("git", ["clone", "--quiet", "--branch", "agentframer-store", remote.bare, work], {
      env: { ...process.env, ...GIT_TEST_ENV },
    });
    const lock = JSON.parse(readFileSync(join(remote.clone, "agentframer.lock"), "utf8")) as {
      assets: Record<string, { hash: string }>;
    };
    const hash = lock.assets.hero!.hash;
    const path = join(work, hash.slice(0, 2), `${hash}.png`);
    const bad = Buffer.from(readFileSync(path));
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    writeFileSync(path, bad);
    git(["commit", "--quiet", "-am", "tamper"]);
    git(["push", "--quiet", "origin", "HEAD:agentframer-store"]);

    const bob = join(await tempDir("af-bob-"), "work");
    execFileSync("git", ["clone", "--quiet", remote.bare, bob], {
      env: { ...process.env, ...GIT_TEST_ENV },
    });
    const run = await render(bob);
    expect(run.code, run.stderr).toBe(0);
    expect(run.result?.assets.map((a) => [a.id, a.status])).toEqual([
      ["hero", "rendered"],
      ["logo", "restored"],
    ]);
    expect(run.stderr).toMatch(
      /store entry [0-9a-f]{12} refused: its bytes do not match their SHA-256/,
    );
    const written = readFileSync(join(bob, "public/hero.png"));
    expect(written.equals(bad)).toBe(false);
    expect(written.equals(alicesHero)).toBe(true);
  });
});
