// npm run bench:store-scale — the store at the size of the batch use case, from a fresh clone,
// through the built CLI (dist/cli/index.js, so `npm run build` first):
//   - fan-in `lock merge` of N entries (four shard locks) against the git store, and against S3
//     (s3rver on 127.0.0.1), with `outputs: store`, so every entry is checked against the store;
//   - `pull` of N outputs from the git store;
//   - `render` of the same manifest without `outputs: store` and with no lock, which restores all N
//     outputs from the git store (no job), as the run after a merge on another machine does.
// Each is timed and its peak memory taken by GNU time (%M: the largest process's peak RSS, node
// or git). Sizes: BENCH_STORE_SIZES (default "2000,50000"). Budgets at 50,000 entries: each
// merge <= 30 s, the pull and the render <= 180 s; at 2,000 each <= 20 s. Exit 1 when over.
// Fixtures are made locally: tiny PNGs (valid signature, random body), the store branch written
// with git fast-import, the S3 bucket written straight into s3rver's folder layout.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
// A copy of the built CLI, taken now: a rebuild (or a checkout of dist/) during a long run must
// not change the program under measurement half-way.
const cliCopy = mkdtempSync(join(tmpdir(), "af-bench-cli-"));
cpSync(join(ROOT, "dist/cli"), cliCopy, { recursive: true });
const CLI = join(cliCopy, "index.js");
const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);
const { loadManifest } = await lib("manifest/load.js");
const { hashAssets } = await lib("plan/hash.js");
const { lockEntryFor } = await lib("plan/lock-entry.js");

const SIZES = (process.env.BENCH_STORE_SIZES ?? "2000,50000").split(",").map(Number);
/** Which parts to run: BENCH_STORE_PARTS, default all of "merge-git,merge-s3,pull,render". */
const PARTS = new Set(
  (process.env.BENCH_STORE_PARTS ?? "merge-git,merge-s3,pull,render").split(","),
);
const BUDGETS = {
  "lock merge (git)": { 50000: 30 },
  "lock merge (s3)": { 50000: 30 },
  pull: { 2000: 20, 50000: 180 },
  "render (git)": { 2000: 20, 50000: 180 },
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MANIFEST = `version: 1
outputs: store
defaults: { type: image, model: flux-1.1-pro, params: { width: 512, height: 512 } }
assets:
  - id: product-{{sku}}
    each: data/products.csv
    prompt: Studio photo of {{name}} on a white background
    output: public/products/{{sku}}.png
`;
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  ...(process.env.BENCH_GIT_TRACE2 ? { GIT_TRACE2_PERF: process.env.BENCH_GIT_TRACE2 } : {}),
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@localhost",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@localhost",
};
const git = (args, cwd, input) =>
  execFileSync("git", args, { cwd, env, input, encoding: "utf8", maxBuffer: 1 << 30 });

/** The manifest, its CSV, and per asset: hash, bytes, record, lock entry. */
async function fixture(root, n) {
  const seed = join(root, "seed");
  mkdirSync(join(seed, "data"), { recursive: true });
  writeFileSync(join(seed, "agentframer.yml"), MANIFEST);
  const rows = Array.from({ length: n }, (_, i) => `sku${i},product number ${i}`);
  writeFileSync(join(seed, "data/products.csv"), `sku,name\n${rows.join("\n")}\n`);
  const manifest = await loadManifest(join(seed, "agentframer.yml"));
  const hashes = hashAssets(manifest.assets);
  const created = "2026-12-06T00:00:00.000Z";
  const entries = manifest.assets.map((asset, i) => {
    const bytes = Buffer.concat([PNG, randomBytes(200 + (i % 200))]);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const hash = hashes[i];
    const record = {
      hash,
      sha256,
      size: bytes.length,
      type: "image",
      extension: "png",
      model: asset.model,
      generation: `gen_${i}`,
      created,
    };
    const lock = lockEntryFor(
      asset,
      { sha256, size: bytes.length, generation: `gen_${i}`, renderedAt: created },
      hash,
    );
    return { id: asset.id, hash, bytes, record: `${JSON.stringify(record)}\n`, lock };
  });
  return { seed, entries };
}

const lockOf = (entries) =>
  `${JSON.stringify({ version: 1, assets: Object.fromEntries(entries.map((e) => [e.id, e.lock])) }, null, 2)}\n`;

/** A bare origin: main holds the manifest, CSV and full lock; the store branch every entry. */
function gitOrigin(root, seed, entries) {
  const bare = join(root, "origin.git");
  git(["init", "--quiet", "--bare", "--initial-branch=main", bare], root);
  for (const key of ["uploadpack.allowFilter", "uploadpack.allowAnySHA1InWant"])
    git(["config", key, "true"], bare);
  writeFileSync(join(seed, "agentframer.lock"), lockOf(entries));
  git(["init", "--quiet", "--initial-branch=main"], seed);
  git(["add", "--all"], seed);
  git(["commit", "--quiet", "-m", "manifest"], seed);
  git(["push", "--quiet", bare, "HEAD:refs/heads/main"], seed);
  const parts = [];
  const files = [];
  let mark = 0;
  for (const e of entries) {
    for (const [path, data] of [
      [`${e.hash.slice(0, 2)}/${e.hash}.png`, e.bytes],
      [`${e.hash.slice(0, 2)}/${e.hash}.json`, Buffer.from(e.record)],
    ]) {
      mark += 1;
      parts.push(
        Buffer.from(`blob\nmark :${mark}\ndata ${data.length}\n`),
        data,
        Buffer.from("\n"),
      );
      files.push(`M 100644 :${mark} ${path}\n`);
    }
  }
  const message = `store: ${entries.length} entries\n`;
  parts.push(
    Buffer.from(
      `commit refs/heads/agentframer-store\ncommitter bench <bench@localhost> 1765000000 +0000\n` +
        `data ${message.length}\n${message}${files.join("")}\n`,
    ),
  );
  execFileSync("git", ["fast-import", "--quiet"], {
    cwd: bare,
    env: { ...env, GIT_DIR: bare },
    input: Buffer.concat(parts),
    maxBuffer: 1 << 30,
  });
  return bare;
}

/**
 * The S3 bucket as s3rver keeps it on disk (`<bucket>/<key>._S3rver_object` and its MD5), as a
 * matrix of four shards leaves it: every entry's bytes and record, and one index per shard.
 */
function s3Fixture(dir, bucket, prefix, entries) {
  mkdirSync(join(dir, bucket, prefix, "index"), { recursive: true });
  for (let s = 0; s < 4; s++) {
    const lines = entries.filter((_, i) => i % 4 === s).map((e) => e.record);
    const object = join(
      dir,
      bucket,
      prefix,
      "index",
      `20261206T000000000Z-${s}.jsonl._S3rver_object`,
    );
    const data = Buffer.from(lines.join(""));
    writeFileSync(object, data);
    writeFileSync(`${object}.md5`, createHash("md5").update(data).digest("hex"));
  }
  for (const e of entries) {
    const folder = join(dir, bucket, prefix, e.hash.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    for (const [name, data] of [
      [`${e.hash}.png`, e.bytes],
      [`${e.hash}.json`, Buffer.from(e.record)],
    ]) {
      const object = join(folder, `${name}._S3rver_object`);
      writeFileSync(object, data);
      writeFileSync(`${object}.md5`, createHash("md5").update(data).digest("hex"));
    }
  }
}

function clone(root, bare, name) {
  const dir = join(root, name);
  git(["clone", "--quiet", bare, dir], root);
  return dir;
}

/** Shard locks as a four-way matrix leaves them, and an empty lock for the manifest. */
function shards(dir, entries) {
  mkdirSync(join(dir, "shards"));
  const names = [];
  for (let s = 0; s < 4; s++) {
    const name = `shards/${s + 1}.lock`;
    writeFileSync(join(dir, name), lockOf(entries.filter((_, i) => i % 4 === s)));
    names.push(name);
  }
  writeFileSync(join(dir, "agentframer.lock"), '{"version": 1, "assets": {}}\n');
  return names;
}

/**
 * Run the CLI under GNU time: seconds, peak RSS in MB, and its output. Asynchronous, because the
 * S3 server answers from this process.
 */
function timed(cwd, args, extraEnv = {}) {
  return new Promise((done) => {
    const child = spawn("/usr/bin/time", ["-f", "%e %M", process.execPath, CLI, ...args], {
      cwd,
      env: { ...env, ...extraEnv },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (status) => {
      const [seconds, kb] = (stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
      done({ seconds, mb: kb / 1024, status, stdout, stderr });
    });
  });
}

const over = [];
const figures = [];
function report(what, n, run, expect) {
  const ok = run.status === expect.status && expect.output.test(run.stdout + run.stderr);
  const budget = BUDGETS[what]?.[n];
  const line =
    `${what} of ${n} entries: ${run.seconds.toFixed(1)} s, peak ${run.mb.toFixed(0)} MB` +
    (budget ? ` (budget ${budget} s: ${run.seconds <= budget && ok ? "pass" : "FAIL"})` : "");
  console.log(line);
  figures.push(line);
  if (!ok) {
    console.error(run.stderr.slice(-2000));
    over.push(`${what} ${n}: exit ${run.status}`);
  } else if (budget && run.seconds > budget) over.push(`${what} ${n}: ${run.seconds} s`);
}

async function mergeGit(root, bare, n, entries) {
  const merging = clone(root, bare, "merge-git");
  const names = shards(merging, entries);
  report(
    "lock merge (git)",
    n,
    await timed(merging, ["lock", "merge", ...names, "--store", "git"]),
    {
      status: 0,
      output: new RegExp(`merged ${n} entries from 4 locks`),
    },
  );
}

async function mergeS3(root, bare, s3dir, n, entries) {
  const server = spawn(
    process.execPath,
    ["--openssl-legacy-provider", join(ROOT, "scripts/bench/s3rver-process.mjs"), s3dir, "media"],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const endpoint = await new Promise((done) =>
    server.stdout.once("data", (line) => done(String(line).trim())),
  );
  const s3env = {
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_S3: endpoint,
  };
  const merging = clone(root, bare, "merge-s3");
  const names = shards(merging, entries);
  const run = await timed(
    merging,
    ["lock", "merge", ...names, "--store", "s3://media/store"],
    s3env,
  );
  server.stdin.end();
  report("lock merge (s3)", n, run, {
    status: 0,
    output: new RegExp(`merged ${n} entries from 4 locks`),
  });
}

async function pullGit(root, bare, n) {
  const pulling = clone(root, bare, "pull");
  report("pull", n, await timed(pulling, ["pull", "--store", "git"]), {
    status: 0,
    output: new RegExp(`^${n} output\\(s\\) pulled$`, "m"),
  });
  const pulled = readdirSync(join(pulling, "public/products")).length;
  if (pulled !== n) over.push(`pull ${n}: ${pulled} files on disk`);
}

/**
 * A render in a fresh clone that finds every output in the git store: the manifest without
 * `outputs: store` (the request hashes do not change) and no lock, so each asset is planned as
 * new, missed by the empty local cache and restored from the store.
 */
async function renderGit(root, bare, n) {
  const rendering = clone(root, bare, "render");
  writeFileSync(join(rendering, "agentframer.yml"), MANIFEST.replace("outputs: store\n", ""));
  rmSync(join(rendering, "agentframer.lock"));
  report(
    "render (git)",
    n,
    await timed(rendering, ["render", "--emulator", "--store", "git", "--json"]),
    { status: 0, output: new RegExp(`"restored":\\s*${n}\\b`) },
  );
  const restored = readdirSync(join(rendering, "public/products")).length;
  if (restored !== n) over.push(`render ${n}: ${restored} files on disk`);
}

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const n of SIZES) {
  const root = mkdtempSync(join(tmpdir(), "af-bench-store-scale-"));
  try {
    const started = performance.now();
    const { seed, entries } = await fixture(root, n);
    const bare = gitOrigin(root, seed, entries);
    const s3dir = join(root, "s3");
    if (PARTS.has("merge-s3")) s3Fixture(s3dir, "media", "store", entries);
    console.log(`fixture of ${n}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (PARTS.has("merge-git")) await mergeGit(root, bare, n, entries);
    if (PARTS.has("merge-s3")) await mergeS3(root, bare, s3dir, n, entries);
    if (PARTS.has("pull")) await pullGit(root, bare, n);
    if (PARTS.has("render")) await renderGit(root, bare, n);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

rmSync(cliCopy, { recursive: true, force: true });
if (over.length > 0) {
  console.error(`over budget: ${over.join("; ")}`);
  process.exit(1);
}
