// bench:render's scale section: does a render cost what changed, not the catalogue?
// (a) A small change to a big catalogue: 20,000 assets locked with their outputs on disk, 300 of
//     them changed (their CSV rows edited), jobs of 3–6 s (uniform) at concurrency 32. The client
//     process's CPU (user+sys) and peak RSS against `plan` on the same checkout.
// (b) Throughput: 50,000 near-instant jobs (0–5 ms) at concurrency 64, from nothing. Wall and peak
//     RSS of `render` against a minimal durable client (minimal-client.mjs: POST, held status
//     request, download, fsync + rename per file; no journal, lock or cache).
// Every client is a process of its own (the built CLI, or the minimal client) timed by GNU time;
// the emulator runs in another (emulator-process.mjs), honouring `Prefer: wait`.
// Budgets (exit 1 when over): (a) CPU ≤ 3× plan's, peak ≤ 1.5× plan's; (b) wall ≤ 2× the
// minimal client's, peak RSS < 250 MB. (a) also reports its floor: plan's CPU plus the minimal
// client's for the same jobs, which nothing that plans and then runs the jobs can go below.
// Needs `npm run build`. BENCH_SCALE_ASSETS, BENCH_SCALE_CHANGED, BENCH_SCALE_JOBS and
// BENCH_SCALE_CONCURRENCY override the sizes; run alone with `node scripts/bench/render-scale.mjs`.
// BENCH_SCALE_PARTS=a or =b runs one part only (default a,b); the other part's lines and budget
// checks are left out.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(ROOT, "dist/cli/index.js");
const KEY = "sk_bench_scale_0123456789";
const SIZES = {
  assets: Number(process.env.BENCH_SCALE_ASSETS ?? 20_000),
  changed: Number(process.env.BENCH_SCALE_CHANGED ?? 300),
  jobs: Number(process.env.BENCH_SCALE_JOBS ?? 50_000),
  concurrency: Number(process.env.BENCH_SCALE_CONCURRENCY ?? 64),
};
const PARTS = new Set((process.env.BENCH_SCALE_PARTS ?? "a,b").split(",").map((p) => p.trim()));
const CHANGE_CONCURRENCY = 32;
// BENCH_SCALE_CPU_PROF=DIR writes a CPU profile of each `render` there (node --cpu-prof).
const PROFILE = process.env.BENCH_SCALE_CPU_PROF
  ? ["--cpu-prof", "--cpu-prof-dir", resolve(process.env.BENCH_SCALE_CPU_PROF)]
  : [];
const BUDGET = { cpuVsPlan: 3, rssVsPlan: 1.5, wallVsMinimal: 2, throughputRssMb: 250 };
const GNU_TIME = "/usr/bin/time";

const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);

/** A manifest of `rows` assets from one CSV; `edited` rows get another name (a changed prompt). */
function writeCatalogue(dir, rows, edited = () => false) {
  mkdirSync(join(dir, ".git"), { recursive: true });
  mkdirSync(join(dir, "data"), { recursive: true });
  let csv = "sku,name\n";
  for (let i = 0; i < rows; i++) {
    csv += `SKU${String(i).padStart(6, "0")},${edited(i) ? "Restyled product" : "Product"} ${i}\n`;
  }
  writeFileSync(join(dir, "data/products.csv"), csv);
  writeFileSync(
    join(dir, "agentframer.yml"),
    `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 64, height: 64 }
assets:
  - id: product-{{sku}}
    each: data/products.csv
    prompt: Studio photo of {{name}} on a white background
    output: public/products/{{sku}}.png
`,
  );
}

/** Lock every asset of the catalogue as rendered, with a small output on disk for each. */
async function lockCatalogue(dir) {
  const { loadManifest } = await lib("manifest/load.js");
  const { writeLockfile, emptyLockfile } = await lib("state/lockfile.js");
  const { lockEntryFor } = await lib("plan/lock-entry.js");
  const manifest = await loadManifest(join(dir, "agentframer.yml"));
  const lock = emptyLockfile();
  mkdirSync(join(dir, "public/products"), { recursive: true });
  manifest.assets.forEach((asset, i) => {
    const bytes = `rendered bytes of ${asset.id}\n`;
    writeFileSync(join(dir, asset.output), bytes);
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: Buffer.byteLength(bytes),
      generation: `gen_${i}`,
      renderedAt: "2026-01-01T00:00:00.000Z",
    });
  });
  await writeLockfile(join(dir, "agentframer.lock"), lock);
}

/** Start the emulator in its own process; `stop()` ends it and returns its ledger's counts. */
async function startEmulatorProcess(options) {
  const child = spawn(
    process.execPath,
    [join(HERE, "emulator-process.mjs"), JSON.stringify(options)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const apiUrl = (await lines.next()).value;
  return {
    apiUrl,
    async stop() {
      child.stdin.end();
      return JSON.parse((await lines.next()).value);
    },
  };
}

/** Run a process under GNU time: wall, CPU (user+sys) and peak RSS. */
function timed(args, { cwd, env = {} }) {
  const stats = join(cwd, "..", `time-${Date.now()}.txt`);
  return new Promise((resolveRun, rejectRun) => {
    const t0 = performance.now();
    const child = spawn(GNU_TIME, ["-f", "%M %U %S", "-o", stats, process.execPath, ...args], {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: { PATH: process.env.PATH, CI: "1", NO_COLOR: "1", ...env },
    });
    let tail = "";
    child.stderr.on("data", (chunk) => (tail = (tail + chunk).slice(-3000)));
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return rejectRun(new Error(`${args.join(" ")} exited ${code}\n${tail}`));
      const [kb, user, sys] = readFileSync(stats, "utf8").trim().split(/\s+/).map(Number);
      resolveRun({ wallMs, cpuMs: (user + sys) * 1000, sysMs: sys * 1000, rssMb: kb / 1024 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** (a): plan three times, then render the change once, on one checkout. */
async function smallChange(scratch) {
  const dir = join(scratch, "catalogue");
  const step = Math.floor(SIZES.assets / SIZES.changed);
  writeCatalogue(dir, SIZES.assets);
  await lockCatalogue(dir);
  writeCatalogue(dir, SIZES.assets, (i) => i % step === 0 && i / step < SIZES.changed);
  // Outputs older than the stat index's racy window, as after a real render.
  await new Promise((r) => setTimeout(r, 2100));
  const plans = [];
  for (let run = 0; run < 3; run++) plans.push(await timed([CLI, "plan"], { cwd: dir }));
  const plan = {
    wallMs: median(plans.map((p) => p.wallMs)),
    cpuMs: median(plans.map((p) => p.cpuMs)),
    sysMs: median(plans.map((p) => p.sysMs)),
    rssMb: Math.max(...plans.map((p) => p.rssMb)),
  };
  const emulator = await startEmulatorProcess({
    apiKey: KEY,
    seed: 14,
    durations: { image: { minMs: 3000, maxMs: 6000 } },
  });
  const render = await timed(
    [...PROFILE, CLI, "render", "--concurrency", String(CHANGE_CONCURRENCY)],
    {
      cwd: dir,
      env: { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: KEY },
    },
  );
  const ledger = await emulator.stop();
  // The floor under the budget: the same jobs through the minimal client, which plans nothing
  // and keeps no journal, lock or cache. No render can cost less than plan plus this.
  const floorEmulator = await startEmulatorProcess({
    apiKey: KEY,
    seed: 14,
    durations: { image: { minMs: 3000, maxMs: 6000 } },
  });
  const minimal = await timed(
    [
      join(HERE, "minimal-client.mjs"),
      floorEmulator.apiUrl,
      KEY,
      String(SIZES.changed),
      String(CHANGE_CONCURRENCY),
      join(scratch, "minimal-change-out"),
    ],
    { cwd: dir },
  );
  await floorEmulator.stop();
  return { plan, render, ledger, minimal };
}

/** (b): the same jobs through ours and through the minimal client, each on a fresh emulator. */
async function throughput(scratch) {
  const emulatorOptions = { apiKey: KEY, seed: 15, durations: { image: { minMs: 0, maxMs: 5 } } };
  const dir = join(scratch, "throughput");
  writeCatalogue(dir, SIZES.jobs);
  let emulator = await startEmulatorProcess(emulatorOptions);
  const ours = await timed(
    [...PROFILE, CLI, "render", "--concurrency", String(SIZES.concurrency)],
    {
      cwd: dir,
      env: { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: KEY },
    },
  );
  const oursLedger = await emulator.stop();
  emulator = await startEmulatorProcess(emulatorOptions);
  const minimal = await timed(
    [
      join(HERE, "minimal-client.mjs"),
      emulator.apiUrl,
      KEY,
      String(SIZES.jobs),
      String(SIZES.concurrency),
      join(scratch, "minimal-out"),
    ],
    { cwd: dir },
  );
  const minimalLedger = await emulator.stop();
  return { ours, minimal, oursLedger, minimalLedger };
}

/** Run both parts; returns the report's lines and the budget checks. */
export async function scaleSection() {
  for (const needed of [CLI, join(ROOT, "lib/emulator/index.js"), GNU_TIME]) {
    if (!existsSync(needed))
      throw new Error(`bench:render scale: ${needed} is missing (npm run build; GNU time)`);
  }
  for (const part of PARTS) {
    if (part !== "a" && part !== "b")
      throw new Error(`bench:render scale: BENCH_SCALE_PARTS has "${part}"; the parts are a and b`);
  }
  const scratch = mkdtempSync(join(tmpdir(), "agentframer-bench-scale-"));
  try {
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const mb = (x) => `${x.toFixed(0)} MB`;
    const lines = [];
    const checks = [];
    if (PARTS.has("a")) {
      console.error("bench:render scale: (a) a small change to a big catalogue…");
      const a = await smallChange(scratch);
      lines.push(
        `scale (a): ${SIZES.changed} changed in ${SIZES.assets} assets, jobs of 3–6 s at concurrency ${CHANGE_CONCURRENCY} (${a.ledger.jobs} jobs on the server)`,
        `  plan    wall ${s(a.plan.wallMs)}  CPU ${s(a.plan.cpuMs)} (sys ${s(a.plan.sysMs)})  peak ${mb(a.plan.rssMb)}  (median of 3, worst peak)`,
        `  render  wall ${s(a.render.wallMs)}  CPU ${s(a.render.cpuMs)} (sys ${s(a.render.sysMs)})  peak ${mb(a.render.rssMb)}  → CPU ×${(a.render.cpuMs / a.plan.cpuMs).toFixed(2)}, peak ×${(a.render.rssMb / a.plan.rssMb).toFixed(2)} of plan's`,
        `  floor   the minimal client's CPU for the same ${SIZES.changed} jobs ${s(a.minimal.cpuMs)} (sys ${s(a.minimal.sysMs)}); plan + it = ×${((a.plan.cpuMs + a.minimal.cpuMs) / a.plan.cpuMs).toFixed(2)} of plan's (no render can be below this)`,
      );
      checks.push(
        [
          `scale (a): render CPU ≤ ${BUDGET.cpuVsPlan}× plan's`,
          a.render.cpuMs <= BUDGET.cpuVsPlan * a.plan.cpuMs,
        ],
        [
          `scale (a): render peak ≤ ${BUDGET.rssVsPlan}× plan's`,
          a.render.rssMb <= BUDGET.rssVsPlan * a.plan.rssMb,
        ],
        [`scale (a): ${SIZES.changed} jobs, no more`, a.ledger.jobs === SIZES.changed],
      );
    }
    if (PARTS.has("b")) {
      console.error("bench:render scale: (b) near-instant jobs, ours then the minimal client…");
      const b = await throughput(scratch);
      lines.push(
        `scale (b): ${SIZES.jobs} near-instant jobs at concurrency ${SIZES.concurrency}`,
        `  ours     wall ${s(b.ours.wallMs)}  CPU ${s(b.ours.cpuMs)} (sys ${s(b.ours.sysMs)})  peak ${mb(b.ours.rssMb)}  (${b.oursLedger.jobs} jobs, ${((b.oursLedger.create + b.oursLedger.status) / b.oursLedger.jobs).toFixed(2)} req/job)`,
        `  minimal  wall ${s(b.minimal.wallMs)}  CPU ${s(b.minimal.cpuMs)} (sys ${s(b.minimal.sysMs)})  peak ${mb(b.minimal.rssMb)}  (${b.minimalLedger.jobs} jobs, ${((b.minimalLedger.create + b.minimalLedger.status) / b.minimalLedger.jobs).toFixed(2)} req/job)  → ours ×${(b.ours.wallMs / b.minimal.wallMs).toFixed(2)} wall`,
      );
      checks.push(
        [
          `scale (b): wall ≤ ${BUDGET.wallVsMinimal}× the minimal durable client's`,
          b.ours.wallMs <= BUDGET.wallVsMinimal * b.minimal.wallMs,
        ],
        [
          `scale (b): peak RSS < ${BUDGET.throughputRssMb} MB`,
          b.ours.rssMb < BUDGET.throughputRssMb,
        ],
        [
          `scale (b): ${SIZES.jobs} jobs each`,
          b.oursLedger.jobs === SIZES.jobs && b.minimalLedger.jobs === SIZES.jobs,
        ],
      );
    }
    return { lines, checks };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { lines, checks } = await scaleSection();
  console.log(lines.join("\n"));
  for (const [what, ok] of checks) console.log(`${ok ? "ok  " : "OVER"}  ${what}`);
  if (checks.some(([, ok]) => !ok)) {
    console.error("bench:render scale: OVER BUDGET");
    process.exit(1);
  }
}
