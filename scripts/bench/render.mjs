// npm run bench:render — our render client against the source article's polling loop (waits of
// 1000 + 250·i ms), on the same jobs at the same concurrency, over loopback HTTP against the
// emulator, with `Prefer: wait` honoured and ignored, on two distributions of image durations:
// - realistic (the verdict): log-normal within 4–16 s, like real render times (see IMAGES);
// - uniform 4–16 s: the worst case for a client that learns, reported without a verdict.
// Reports requests per job, p50/p95 delay from a job's completion to the client seeing it (the
// ledger's completedAt → the status answer that first said so), and the makespan against the
// ideal (every end seen at once). Then 200 results of 20 MB through the built CLI at
// concurrency 16, for peak memory.
// Without wait, ours runs twice: first-ever (cold), and after an earlier run of 200 other
// pictures, starting from the durations it remembers (.agentframer/cache/durations.json) — the
// steady state of nightly and pull-request runs.
// Budgets (exits 1 when over), on the realistic distribution: with wait ≤ 2.2 req/job and p95 ≤
// 50 ms; without, after an earlier run, ≤ half the article's req/job and p95 no worse than the
// article's; the first-ever run's p95 no worse either (its requests are reported: about 53%, as
// it must learn the durations from its own first wave); peak RSS < 150 MB.
// Then the scale section (render-scale.mjs): a small change to a 20,000-asset catalogue against
// `plan`, and 50,000 near-instant jobs against a minimal durable client (BENCH_SCALE=0 skips it).
// Needs `npm run build` first (imports lib/, runs dist/cli/index.js). BENCH_JOBS, BENCH_CONCURRENCY
// and BENCH_BIG_JOBS override the sizes.
import { spawn } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Agent, request } from "undici";
import { scaleSection } from "./render-scale.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/cli/index.js");
const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 40);
const BIG_JOBS = Number(process.env.BENCH_BIG_JOBS ?? 200);
const BIG_BYTES = 20 * 1024 * 1024;
const KEY = "sk_bench_render_0123456789";
/**
 * Image render times, chosen before measuring anything on them: the issue's "images 4–16 s" read
 * as the span from the 5th to the 99th percentile of a log-normal — the usual shape of service
 * times, most near a typical time with a tail of slow ones (a busy queue, a cold worker): ln 4 s =
 * μ − 1.645σ and ln 16 s = μ + 2.326σ give σ = 0.35 and a median of 7.1 s, rounded to 7 s. Drawn
 * within 4–16 s (the 5.5% below 4 s and 0.9% above 16 s are drawn again).
 */
const IMAGES = { minMs: 4000, maxMs: 16000, medianMs: 7000, spread: 0.35 };
const DISTRIBUTIONS = {
  realistic: { image: IMAGES },
  uniform: { image: { minMs: 4000, maxMs: 16000 } },
};
const BUDGET = { waitReqPerJob: 2.2, waitP95Ms: 50, rssMb: 150 };

for (const needed of [
  CLI,
  join(ROOT, "lib/render/render.js"),
  join(ROOT, "lib/emulator/index.js"),
]) {
  if (!existsSync(needed)) {
    console.error(`bench:render: ${needed} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);
const { startEmulator } = await lib("emulator/index.js");
const { render } = await lib("render/render.js");

const scratch = mkdtempSync(join(tmpdir(), "agentframer-bench-render-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** Prompts of an earlier run's jobs (`ours-warm`): other pictures, the same kind of job. */
const EARLIER = "Earlier picture";

function makeRepo(name, count, extraParams = "", prompt = "Bench picture") {
  const dir = join(scratch, name);
  mkdirSync(join(dir, ".git"), { recursive: true });
  let yaml = `version: 1\ndefaults:\n  type: image\n  model: flux-1.1-pro\n  params: { width: 64, height: 64${extraParams} }\nassets:\n`;
  for (let i = 0; i < count; i++) {
    yaml += `  - id: bench-${i}\n    prompt: ${prompt} ${i}, a lighthouse at dusk\n    output: out/${i}.png\n`;
  }
  writeFileSync(join(dir, "agentframer.yml"), yaml);
  return dir;
}

const bodyFor = (i) => ({
  width: 64,
  height: 64,
  type: "image",
  model: "flux-1.1-pro",
  prompt: `Bench picture ${i}, a lighthouse at dusk`,
});

// --- the two clients --------------------------------------------------------------------------
async function ours(emulator, name) {
  await renderRepo(emulator, makeRepo(name, JOBS));
}

/**
 * The earlier run of a nightly or pull-request workflow: 200 other pictures rendered through the
 * same API, which leaves what it learnt about durations in .agentframer/cache/durations.json.
 * Run before the clock starts; the ledger is reset after it and its jobs are left out.
 */
async function earlierRun(emulator, name) {
  await renderRepo(emulator, makeRepo(name, JOBS, "", EARLIER));
}

async function renderRepo(emulator, dir) {
  const config = {
    manifestPath: join(dir, "agentframer.yml"),
    apiUrl: emulator.apiUrl,
    apiKey: KEY,
    emulator: false,
    concurrency: CONCURRENCY,
    only: undefined,
    force: false,
    maxJobs: undefined,
    shard: undefined,
  };
  const result = await render(config, {});
  if (result.counts.rendered !== JOBS)
    throw new Error(`ours rendered ${result.counts.rendered}/${JOBS} in ${dir}`);
}

/** The article's loop, as written there (plus the Idempotency-Key the contract requires), then a download. */
async function article(emulator, name) {
  const dir = makeRepo(name, 0);
  const dispatcher = new Agent({ connections: CONCURRENCY + 2 });
  const auth = { authorization: `Bearer ${KEY}` };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < JOBS; i = next++) {
      const create = await request(`${emulator.apiUrl}/generations`, {
        method: "POST",
        dispatcher,
        headers: { ...auth, "content-type": "application/json", "idempotency-key": `article-${i}` },
        body: JSON.stringify(bodyFor(i)),
      });
      if (create.statusCode >= 300) throw new Error(`create ${create.statusCode}`);
      const { id } = await create.body.json();
      let url;
      for (let p = 0; p < 60 && !url; p++) {
        await new Promise((r) => setTimeout(r, 1000 + p * 250));
        const poll = await request(`${emulator.apiUrl}/generations/${id}`, {
          dispatcher,
          headers: auth,
        });
        const job = await poll.body.json();
        if (job.status === "succeeded") url = job.url;
        else if (job.status === "failed") throw new Error(job.error ?? "failed");
      }
      if (!url) throw new Error("timeout");
      const download = await request(url, { dispatcher });
      await pipeline(download.body, createWriteStream(join(dir, `${i}.png`)));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await dispatcher.close();
}

// --- measuring --------------------------------------------------------------------------------
const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Every job's duration run back to back on CONCURRENCY slots, each end seen at once. */
function idealMakespan(durations) {
  const slots = new Array(Math.min(CONCURRENCY, durations.length)).fill(0);
  for (const d of durations) {
    const i = slots.indexOf(Math.min(...slots));
    slots[i] += d;
  }
  return Math.max(...slots);
}

async function measure(shape, label, mode, client, before) {
  const emulator = await startEmulator({
    apiKey: KEY,
    durations: DISTRIBUTIONS[shape],
    seed: 2024,
    honourPreferWait: mode === "wait",
  });
  const name = `${shape}-${label}-${mode}`;
  if (before) {
    await before(emulator, name);
    emulator.ledger.reset();
  }
  const t0 = Date.now();
  await client(emulator, name);
  const makespan = Date.now() - t0;
  const jobs = emulator.ledger
    .jobs()
    .filter((j) => !String(j.body.prompt).startsWith(EARLIER))
    .sort((a, b) => a.createdAt - b.createdAt);
  const { create, status } = emulator.ledger.requests;
  await emulator.close();
  const delays = jobs.map((j) => j.terminalObservedAt - j.completedAt).sort((a, b) => a - b);
  const ideal = idealMakespan(jobs.map((j) => j.completedAt - j.createdAt));
  return {
    shape,
    label,
    mode,
    jobs: jobs.length,
    reqPerJob: (create + status) / jobs.length,
    p50: quantile(delays, 0.5),
    p95: quantile(delays, 0.95),
    makespan,
    ideal,
  };
}

// All ten runs at once, each on its own emulator with the same seed (so, per distribution, the
// same durations for the same jobs): the comparison shares the machine's load. Without wait, ours
// runs twice: as a first-ever run (cold), and after an earlier run of 200 other pictures whose
// durations it remembers (warm: the steady state of nightly and pull-request runs). About 1.5 min.
const rows = await Promise.all(
  Object.keys(DISTRIBUTIONS).flatMap((shape) =>
    ["wait", "no-wait"].flatMap((mode) => [
      measure(shape, "ours", mode, ours),
      ...(mode === "no-wait" ? [measure(shape, "ours-warm", mode, ours, earlierRun)] : []),
      measure(shape, "article", mode, article),
    ]),
  ),
);

// --- memory: 20 MB results through the built CLI ----------------------------------------------
const RSS_PRELOAD =
  "data:text/javascript," +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs";
     process.on("exit", () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));`,
  );
const bigEmulator = await startEmulator({
  apiKey: KEY,
  durations: { image: { minMs: 50, maxMs: 200 } },
  seed: 7,
  resultBytes: BIG_BYTES,
});
const bigDir = makeRepo("big", BIG_JOBS);
const rssFile = join(scratch, "rss.txt");
const bigStart = Date.now();
const exit = await new Promise((resolveExit) => {
  const child = spawn(
    process.execPath,
    ["--import", RSS_PRELOAD, CLI, "render", "--concurrency", "16"],
    {
      cwd: bigDir,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        PATH: process.env.PATH,
        CI: "1",
        NO_COLOR: "1",
        BENCH_RSS_FILE: rssFile,
        AGENTFRAMER_API_URL: bigEmulator.apiUrl,
        AGENTFRAMER_API_KEY: KEY,
      },
    },
  );
  let tail = "";
  child.stderr.on("data", (chunk) => (tail = (tail + chunk).slice(-2000)));
  child.on("close", (code) => {
    if (code !== 0) console.error(tail);
    resolveExit(code);
  });
});
const bigSeconds = (Date.now() - bigStart) / 1000;
await bigEmulator.close();
const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
const bigOk = exit === 0 && statSync(join(bigDir, "out/0.png")).size >= BIG_BYTES;

// --- report -----------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const ms = (x) => `${Math.round(x)} ms`;
console.log(
  `\nbench:render — ${JOBS} image jobs at concurrency ${CONCURRENCY} (node ${process.version}, ${cpus().length} CPUs)`,
);
console.log(
  `realistic: log-normal, median ${IMAGES.medianMs / 1000} s, σ ${IMAGES.spread}, within 4–16 s; uniform: 4–16 s, the worst case for a client that learns\n`,
);
console.log(
  `${pad("durations", 11)}${pad("client", 11)}${pad("Prefer: wait", 14)}${pad("req/job", 9)}${pad("p50 delay", 11)}${pad("p95 delay", 11)}${pad("makespan", 10)}${pad("ideal", 9)}vs ideal`,
);
for (const r of rows) {
  console.log(
    `${pad(r.shape, 11)}${pad(r.label, 11)}${pad(r.mode === "wait" ? "honoured" : "ignored", 14)}${pad(r.reqPerJob.toFixed(2), 9)}${pad(ms(r.p50), 11)}${pad(ms(r.p95), 11)}${pad(`${(r.makespan / 1000).toFixed(1)} s`, 10)}${pad(`${(r.ideal / 1000).toFixed(1)} s`, 9)}${((r.makespan / r.ideal - 1) * 100).toFixed(1)}%`,
  );
}
console.log(
  `\n${BIG_JOBS} results of ${BIG_BYTES / 1024 / 1024} MB at concurrency 16: peak RSS ${rssMb.toFixed(0)} MB, ${bigSeconds.toFixed(1)} s, exit ${exit}`,
);

const get = (label, mode, shape = "realistic") =>
  rows.find((r) => r.shape === shape && r.label === label && r.mode === mode);
const share = (label, shape = "realistic") =>
  get(label, "no-wait", shape).reqPerJob / get("article", "no-wait", shape).reqPerJob;
const noVerdict = (label, shape, what) =>
  console.log(
    `${shape}, without wait, ${what} (no verdict): ${(share(label, shape) * 100).toFixed(0)}% of the article's requests, p95 ${ms(get(label, "no-wait", shape).p95)} against ${ms(get("article", "no-wait", shape).p95)}`,
  );
console.log("");
noVerdict("ours", "realistic", "first-ever run");
noVerdict("ours", "uniform", "first-ever run");
noVerdict("ours-warm", "uniform", "after an earlier run");
const scale = process.env.BENCH_SCALE === "0" ? undefined : await scaleSection();
if (scale) console.log(`\n${scale.lines.join("\n")}\n`);
const checks = [
  ["realistic, with wait: req/job ≤ 2.2", get("ours", "wait").reqPerJob <= BUDGET.waitReqPerJob],
  ["realistic, with wait: p95 ≤ 50 ms", get("ours", "wait").p95 <= BUDGET.waitP95Ms],
  [
    "realistic, without wait, after an earlier run: req/job ≤ half the article's",
    share("ours-warm") <= 0.5,
  ],
  [
    "realistic, without wait, after an earlier run: p95 ≤ the article's",
    get("ours-warm", "no-wait").p95 <= get("article", "no-wait").p95,
  ],
  [
    "realistic, without wait, first-ever run: p95 ≤ the article's",
    get("ours", "no-wait").p95 <= get("article", "no-wait").p95,
  ],
  [
    `20 MB results: peak RSS < ${BUDGET.rssMb} MB and every output written`,
    bigOk && rssMb < BUDGET.rssMb,
  ],
  [`at least 200 jobs`, JOBS >= 200],
  ...(scale?.checks ?? []),
];
for (const [what, ok] of checks) console.log(`${ok ? "ok  " : "OVER"}  ${what}`);
if (checks.some(([, ok]) => !ok)) {
  console.error("bench:render: OVER BUDGET");
  process.exit(1);
}
console.log("within budget");
