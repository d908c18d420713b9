// npm run bench:derive — web variants from 500 renders of 1024×1024: WebP at 3 widths and AVIF at
// 1, by our derive step (src/derive/derive-step.ts: decode once, resize and encode each variant,
// a placeholder, SHA-256s, atomic durable writes) and, side by side in the same run, by a plain
// script calling sharp directly (sharp(file).resize(w).webp().toFile(out) per variant, as a team
// writes it today). Each side runs in its own process, in halves ordered A B B A so that a
// machine's load drifting during the run weighs on both alike; peak memory is each process's
// maximum resident set. Budgets (exit 1 when over): ours within 1.2× the plain script's CPU time
// (wall time is printed too), and under 400 MB at its peak. Needs `npm run build` first (imports
// lib/).
//
// BENCH_DERIVE_IMAGES=N runs on N images instead of 500 (a quick look; the budgets still apply).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
const COUNT = Number(process.env.BENCH_DERIVE_IMAGES ?? 500);
const SIZE = 1024;
const WEBP = [320, 640, 960];
const AVIF = [640];
const TIME_BUDGET = 1.2;
const MEMORY_BUDGET_MB = 400;
const inputs = join(ROOT, "bench-out", "derive", `inputs-${SIZE}`);
const outRoot = join(ROOT, "bench-out", "derive", "out");

const [, , role, from, to] = process.argv;
if (role === "plain") await plain(Number(from), Number(to));
else if (role === "ours") await ours(Number(from), Number(to));
else await main();

function inputName(i) {
  return `render-${String(i).padStart(4, "0")}.png`;
}

/** Photographic enough: smooth gradients that differ per image, and fine noise over them. */
async function makeInputs(sharp) {
  mkdirSync(inputs, { recursive: true });
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < COUNT; i++) {
    const path = join(inputs, inputName(i));
    if (existsSync(path)) continue;
    const pixels = Buffer.alloc(SIZE * SIZE * 3);
    const [a, b, c] = [random() * 6, random() * 6, random() * 6];
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const at = (y * SIZE + x) * 3;
        const noise = random() * 24;
        pixels[at] = 128 + 100 * Math.sin((x / SIZE) * a + i) + noise;
        pixels[at + 1] = 128 + 100 * Math.cos((y / SIZE) * b) + noise;
        pixels[at + 2] = 128 + 100 * Math.sin(((x + y) / SIZE) * c) + noise;
      }
    }
    await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
      .png()
      .toFile(path);
  }
}

function report(elapsedMs, files, cpuBefore) {
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ elapsedMs, cpuMs, peakMb, files })}\n`);
}

async function plain(from, to) {
  const { default: sharp } = await import("sharp");
  const out = join(outRoot, "plain");
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let files = 0;
  for (let i = from; i < to; i++) {
    const input = join(inputs, inputName(i));
    const stem = inputName(i).replace(/\.png$/, "");
    for (const width of WEBP) {
      await sharp(input)
        .resize({ width })
        .webp({ quality: 80 })
        .toFile(join(out, `${stem}-${width}.webp`));
      files += 1;
    }
    for (const width of AVIF) {
      await sharp(input)
        .resize({ width })
        .avif({ quality: 50 })
        .toFile(join(out, `${stem}-${width}.avif`));
      files += 1;
    }
  }
  report(performance.now() - started, files, cpuBefore);
}

async function ours(from, to) {
  const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);
  const { deriveStep } = await lib("derive/derive-step.js");
  const { expandVariants } = await lib("manifest/variants.js");
  const out = join(outRoot, "ours");
  mkdirSync(out, { recursive: true });
  const variants = expandVariants([
    { format: "webp", widths: WEBP, quality: 80 },
    { format: "avif", widths: AVIF, quality: 50 },
  ]);
  // The plan's view of each asset: its output current, its variants not yet derived.
  const lock = new Map();
  const entries = [];
  for (let i = from; i < to; i++) {
    const output = inputName(i);
    const bytes = readFileSync(join(inputs, output));
    copyFileSync(join(inputs, output), join(out, output));
    const entry = {
      hash: "0".repeat(64),
      fields: { type: "0", model: "0", prompt: "0", params: "0" },
      output,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      generation: `bench-${i}`,
      renderedAt: "2026-01-01T00:00:00.000Z",
    };
    lock.set(output, entry);
    entries.push({
      id: output,
      status: "unchanged",
      output,
      hash: entry.hash,
      lock: entry,
      asset: { variants },
    });
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcomes = await deriveStep(entries, {
    manifestDir: out,
    current: (id) => lock.get(id),
    set: (id, entry) => lock.set(id, entry),
    // No entry has variants yet: nothing on disk is replaced, so the lock is never written early.
    persist: async () => {},
  });
  const elapsed = performance.now() - started;
  const failed = outcomes.filter((o) => o.status !== "derived");
  if (failed.length > 0) throw new Error(`derive failed: ${failed[0].error}`);
  report(
    elapsed,
    outcomes.reduce((n, o) => n + o.files.length, 0),
    cpuBefore,
  );
}

function runSide(role, from, to) {
  const child = spawnSync(process.execPath, [process.argv[1], role, String(from), String(to)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0)
    throw new Error(`${role} ${from}-${to} exited ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

async function main() {
  const { default: sharp } = await import("sharp");
  console.log(`inputs: ${COUNT} PNGs of ${SIZE}×${SIZE} in ${inputs}`);
  await makeInputs(sharp);
  rmSync(outRoot, { recursive: true, force: true });
  const half = Math.floor(COUNT / 2);
  const order = [
    ["plain", 0, half],
    ["ours", 0, half],
    ["ours", half, COUNT],
    ["plain", half, COUNT],
  ];
  const totals = {
    plain: { ms: 0, cpuMs: 0, peak: 0, files: 0 },
    ours: { ms: 0, cpuMs: 0, peak: 0, files: 0 },
  };
  for (const [role, from, to] of order) {
    const r = runSide(role, from, to);
    console.log(
      `  ${role.padEnd(5)} images ${from}-${to - 1}: ${(r.elapsedMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, peak ${r.peakMb.toFixed(0)} MB`,
    );
    totals[role].ms += r.elapsedMs;
    totals[role].cpuMs += r.cpuMs;
    totals[role].peak = Math.max(totals[role].peak, r.peakMb);
    totals[role].files += r.files;
  }
  const bytes = (dir) =>
    readdirSync(dir)
      .filter((f) => !f.endsWith(".png"))
      .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  // CPU time is the budgeted figure: on a shared machine the wall clock mostly measures the
  // neighbours; CPU time (all of libvips's threads included) is the work each side did.
  const ratio = totals.ours.cpuMs / totals.plain.cpuMs;
  const wallRatio = totals.ours.ms / totals.plain.ms;
  const line = (name, t, dir) =>
    `${name}: ${t.files} files, ${(t.cpuMs / 1000).toFixed(1)} s CPU (${(t.cpuMs / COUNT).toFixed(0)} ms per image), ${(t.ms / 1000).toFixed(1)} s wall, peak ${t.peak.toFixed(0)} MB, ${(bytes(dir) / 1e6).toFixed(1)} MB written`;
  console.log(line("plain sharp script", totals.plain, join(outRoot, "plain")));
  console.log(line("agentframer derive", totals.ours, join(outRoot, "ours")));
  console.log(
    `ours / plain: ${ratio.toFixed(2)}× CPU (budget ${TIME_BUDGET}×), ${wallRatio.toFixed(2)}× wall; peak ${totals.ours.peak.toFixed(0)} MB (budget ${MEMORY_BUDGET_MB} MB)`,
  );
  writeFileSync(
    join(ROOT, "bench-out", "derive", "result.json"),
    `${JSON.stringify({ count: COUNT, ratio, wallRatio, totals }, null, 2)}\n`,
  );
  rmSync(outRoot, { recursive: true, force: true });
  const over = [];
  if (ratio > TIME_BUDGET) over.push(`time ${ratio.toFixed(2)}× > ${TIME_BUDGET}×`);
  if (totals.ours.peak > MEMORY_BUDGET_MB)
    over.push(`peak ${totals.ours.peak.toFixed(0)} MB > ${MEMORY_BUDGET_MB} MB`);
  if (over.length > 0) {
    console.error(`over budget: ${over.join("; ")}`);
    process.exit(1);
  }
  console.log("within budget");
}
