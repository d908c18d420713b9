/**
 * A GitHub Actions matrix, simulated on one machine: four shard processes of the compiled CLI,
 * each in its own clone of one bare repository, render their slices against one shared emulator
 * (`render --shard I/4`, publishing nothing); their outputs and locks are carried to a fan-in
 * clone as artifacts would be, where `lock merge` makes one lock, a render submits nothing, and
 * one commit is pushed. The emulator's ledger counts every POST across all of them.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import type { RenderResult } from "../../src/render/result.js";
import type { Lockfile } from "../../src/state/lock-types.js";
import { compileCli, spawnCli } from "../support/built-cli.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../support/git-remote.js";
import { manifestYaml, someAssets, TEST_KEY } from "../support/render-repo.js";
import { startS3Server, type S3Server } from "../support/s3-server.js";
import { tempDirSync } from "../support/temp-dir.js";

const SHARDS = 4;
const ASSETS = 24;

let cli: Awaited<ReturnType<typeof compileCli>>;
let emulator: Emulator;
let remote: GitRemote;
let s3: S3Server;
beforeAll(async () => {
  cli = await compileCli();
  s3 = await startS3Server();
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 20, maxMs: 80 } },
  });
}, 180_000);
afterAll(async () => {
  await emulator?.close();
  await s3?.close();
  remote?.cleanup();
});

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, {
    cwd,
    env: { ...process.env, ...GIT_TEST_ENV },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function cloneOf(bare: string): string {
  const dir = join(tempDirSync("af-matrix-"), "work");
  git(["clone", "--quiet", bare, dir], dirname(dir));
  return dir;
}

async function run(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawnCli(
    cli.main,
    args,
    { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: TEST_KEY, CI: "1", ...env },
    cwd,
  );
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** What actions/upload-artifact + download-artifact carry: the shard's new outputs and its lock. */
function carryArtifacts(shard: string, index: number, result: RenderResult, fanIn: string): void {
  for (const asset of result.assets.filter((a) => a.status === "rendered")) {
    mkdirSync(dirname(join(fanIn, asset.output)), { recursive: true });
    copyFileSync(join(shard, asset.output), join(fanIn, asset.output));
  }
  const lock = join(fanIn, "shards", `lock-${index}`, "agentframer.lock");
  mkdirSync(dirname(lock), { recursive: true });
  copyFileSync(join(shard, "agentframer.lock"), lock);
}

describe("a matrix of 4 shards and a fan-in (git: outputs carried as artifacts)", () => {
  it("gives one lock covering every asset, each request paid once, and a fan-in that submits nothing", async () => {
    remote = createGitRemote({ "agentframer.yml": manifestYaml(someAssets(ASSETS)) });
    const shards = Array.from({ length: SHARDS }, () => cloneOf(remote.bare));
    const results = await Promise.all(
      shards.map(async (dir, i) => {
        const out = await run(["render", "--shard", `${i + 1}/${SHARDS}`, "--json"], dir);
        expect(out.code, out.stderr).toBe(0);
        return JSON.parse(out.stdout) as RenderResult;
      }),
    );
    const rendered = results.map((r) => r.counts.rendered);
    expect(rendered.reduce((a, b) => a + b, 0)).toBe(ASSETS);
    expect(rendered.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(emulator.ledger.requests.create).toBe(ASSETS);

    const fanIn = cloneOf(remote.bare);
    shards.forEach((dir, i) => carryArtifacts(dir, i + 1, results[i] as RenderResult, fanIn));
    const locks = shards.map((_, i) => `shards/lock-${i + 1}/agentframer.lock`);
    const merge = await run(["lock", "merge", ...locks], fanIn);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toBe(
      `merged ${ASSETS} entries from ${SHARDS} locks into agentframer.lock\n`,
    );

    const postsBefore = emulator.ledger.requests.create;
    const check = await run(["render", "--json"], fanIn);
    expect(check.code, check.stderr).toBe(0);
    expect((JSON.parse(check.stdout) as RenderResult).counts).toMatchObject({
      unchanged: ASSETS,
      rendered: 0,
    });
    expect(emulator.ledger.requests.create).toBe(postsBefore);

    git(["add", "agentframer.lock", "public"], fanIn);
    git(["commit", "--quiet", "-m", "render the catalogue"], fanIn);
    git(["push", "--quiet", "origin", "HEAD"], fanIn);
    const head = remote.remoteHead();
    const lock = JSON.parse(
      remote.git(["show", `${head}:agentframer.lock`], remote.bare),
    ) as Lockfile;
    expect(Object.keys(lock.assets).sort()).toEqual(
      someAssets(ASSETS)
        .map((a) => a.id)
        .sort(),
    );
    const generations = new Set(Object.values(lock.assets).map((e) => e.generation));
    expect(generations.size).toBe(ASSETS);
    expect(emulator.ledger.jobs()).toHaveLength(ASSETS);
    // The committed bytes are the ones the lock records.
    for (const entry of Object.values(lock.assets)) {
      const bytes = readFileSync(join(fanIn, entry.output));
      expect(bytes.length).toBe(entry.size);
    }
  }, 120_000);
});

describe("a matrix of 4 shards and a fan-in (outputs: store, in an S3-compatible store)", () => {
  it("gives one lock covering every asset, each request paid once, a fan-in that submits nothing, and pull brings the bytes", async () => {
    const manifest = manifestYaml(someAssets(ASSETS, "sku")).replace(
      "version: 1\n",
      "version: 1\noutputs: store\n",
    );
    const storeRemote = createGitRemote({ "agentframer.yml": manifest, ".gitignore": "public/\n" });
    onTestFinished(() => storeRemote.cleanup());
    const store = `s3://${s3.bucket}/matrix`;
    const postsBefore = emulator.ledger.requests.create;
    const shards = Array.from({ length: SHARDS }, () => cloneOf(storeRemote.bare));
    const results = await Promise.all(
      shards.map(async (dir, i) => {
        const out = await run(
          ["render", "--shard", `${i + 1}/${SHARDS}`, "--store", store, "--store-push", "--json"],
          dir,
          s3.env,
        );
        expect(out.code, out.stderr).toBe(0);
        return JSON.parse(out.stdout) as RenderResult;
      }),
    );
    expect(results.reduce((n, r) => n + r.counts.rendered, 0)).toBe(ASSETS);
    expect(emulator.ledger.requests.create - postsBefore).toBe(ASSETS);

    // Only the locks travel: the outputs are in the store.
    const fanIn = cloneOf(storeRemote.bare);
    shards.forEach((dir, i) => {
      const lock = join(fanIn, "shards", `lock-${i + 1}`, "agentframer.lock");
      mkdirSync(dirname(lock), { recursive: true });
      copyFileSync(join(dir, "agentframer.lock"), lock);
    });
    const locks = shards.map((_, i) => `shards/lock-${i + 1}/agentframer.lock`);
    const merge = await run(["lock", "merge", "--store", store, ...locks], fanIn, s3.env);
    expect(merge.code, merge.stderr).toBe(0);

    const postsAfterShards = emulator.ledger.requests.create;
    const check = await run(["render", "--store", store, "--json"], fanIn, s3.env);
    expect(check.code, check.stderr).toBe(0);
    expect((JSON.parse(check.stdout) as RenderResult).counts).toMatchObject({
      unchanged: ASSETS,
      rendered: 0,
    });
    expect(emulator.ledger.requests.create).toBe(postsAfterShards);
    const plan = await run(["plan", "--json"], fanIn);
    expect(JSON.parse(plan.stdout).counts).toMatchObject({ stored: ASSETS, missing: 0 });

    git(["add", "agentframer.lock"], fanIn);
    git(["commit", "--quiet", "-m", "render the catalogue"], fanIn);
    git(["push", "--quiet", "origin", "HEAD"], fanIn);
    const head = storeRemote.remoteHead();
    expect(storeRemote.filesIn(head)).toEqual(["agentframer.lock"]);
    const lock = JSON.parse(
      storeRemote.git(["show", `${head}:agentframer.lock`], storeRemote.bare),
    ) as Lockfile;
    expect(Object.keys(lock.assets)).toHaveLength(ASSETS);

    // A fresh checkout materialises the outputs from the store, byte for byte.
    const reader = cloneOf(storeRemote.bare);
    const pull = await run(["pull", "--store", store], reader, s3.env);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stdout).toBe(`${ASSETS} output(s) pulled\n`);
    for (const entry of Object.values(lock.assets)) {
      const bytes = readFileSync(join(reader, entry.output));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
    }
  }, 120_000);
});
