// npm run soak — 2,000 assets through the emulator with faults on every path, and the real CLI
// process SIGKILLed 100 times at random moments, then run again until done. Prints assets
// rendered, duplicate jobs (target 0), partial files (target 0), retries the server saw, and wall
// time; exits 1 if any duplicate or partial file is found or anything is left unrendered.
//
// Faults (probabilities per request or per download): resets after a committed create 5 %,
// 503 on create 5 %, 429 on create and on status 2 % each, failed (503) status requests 2 %,
// truncated downloads 5 %.
//
// Needs `npm run build` first (imports lib/, runs dist/cli/index.js). SOAK_ASSETS, SOAK_KILLS,
// SOAK_CONCURRENCY and SOAK_SEED override the sizes.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// SOAK_CLI and SOAK_LIB point at a private copy of the build, so that a rebuild elsewhere in the
// work tree cannot swap the files under a soak that runs for minutes.
const CLI = resolve(process.env.SOAK_CLI ?? join(ROOT, "dist/cli/index.js"));
const LIB = resolve(process.env.SOAK_LIB ?? join(ROOT, "lib"));
const ASSETS = Number(process.env.SOAK_ASSETS ?? 2000);
const KILLS = Number(process.env.SOAK_KILLS ?? 100);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const SEED = Number(process.env.SOAK_SEED ?? 1);
const KEY = `sk_live_SOAK_${randomBytes(9).toString("hex")}`;
const FAULTS = {
  resetAfterCreate: 0.05,
  create5xx: 0.05,
  create429: 0.02,
  status429: 0.02,
  status5xx: 0.02,
  truncateDownload: 0.05,
};

for (const needed of [CLI, join(LIB, "emulator/index.js")]) {
  if (!existsSync(needed)) {
    console.error(`soak: ${needed} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const { startEmulator } = await import(pathToFileURL(join(LIB, "emulator/index.js")).href);

// Deterministic choices (kill times) from the seed, so a failing soak can be repeated.
let state = SEED >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};

const scratch = mkdtempSync(join(tmpdir(), "agentframer-soak-"));
const repo = join(scratch, "repo");
mkdirSync(join(repo, ".git"), { recursive: true });
let yaml =
  "version: 1\ndefaults:\n  type: image\n  model: flux-1.1-pro\n  params: { width: 24, height: 16 }\nassets:\n";
for (let i = 0; i < ASSETS; i++) {
  yaml += `  - id: soak-${i}\n    prompt: Soak picture ${i}, a small test card\n    output: public/soak/${i}.png\n`;
}
writeFileSync(join(repo, "agentframer.yml"), yaml);

const emulator = await startEmulator({
  apiKey: KEY,
  seed: SEED,
  // Long enough that a kill always finds jobs in flight, short enough for a few minutes' soak.
  durations: { image: { minMs: 150, maxMs: 1200 } },
  faults: FAULTS,
});

const children = new Set();
const cleanup = () => {
  for (const child of children) child.kill("SIGKILL");
};
process.on("exit", () => {
  cleanup();
  rmSync(scratch, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));

const printed = [];
function startCli() {
  const child = spawn(
    process.execPath,
    [CLI, "render", "agentframer.yml", "--concurrency", String(CONCURRENCY), "--json"],
    {
      cwd: repo,
      env: {
        PATH: process.env.PATH,
        AGENTFRAMER_API_URL: emulator.apiUrl,
        AGENTFRAMER_API_KEY: KEY,
        CI: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (err += c));
  const exited = new Promise((resolveExit) =>
    child.on("close", (code, signal) => {
      children.delete(child);
      printed.push(out, err);
      resolveExit({ code: code ?? signal, stdout: out, stderr: err });
    }),
  );
  return { child, exited };
}

const began = Date.now();
let kills = 0;
let missed = 0;
for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
  const run = startCli();
  // Uniform over the first 2.5 s of a run: start-up and planning, POSTs, polls, downloads, writes.
  const after = 100 + Math.floor(random() * 2400);
  const timer = new Promise((r) => setTimeout(() => r("kill"), after));
  const first = await Promise.race([run.exited.then(() => "exited"), timer]);
  if (first === "kill") {
    run.child.kill("SIGKILL");
    await run.exited;
    kills++;
  } else {
    missed++;
  }
  if ((kills + missed) % 10 === 0) {
    const done = lockEntries();
    process.stderr.write(
      `soak: ${kills} kills, ${done}/${ASSETS} locked, ${emulator.ledger.jobs().length} jobs\n`,
    );
  }
}

// Then run until done (a run can end with assets failed by retries running out: run again).
let finalRuns = 0;
let last;
for (; finalRuns < 10; finalRuns++) {
  last = await startCli().exited;
  if (last.code === 0) break;
}
const wallMs = Date.now() - began;

// The invariant, over the whole soak.
const jobs = emulator.ledger.jobs();
const byBody = new Map();
for (const job of jobs) byBody.set(job.bodyHash, (byBody.get(job.bodyHash) ?? 0) + 1);
const duplicateJobs = [...byBody.values()].reduce((n, c) => n + (c - 1), 0);
const sameKey = jobs.filter((j) => emulator.ledger.jobsByKey(j.key).length > 1).length;

const files = walk(repo);
const partialFiles = files.filter((f) => f.endsWith(".tmp"));
const lock = JSON.parse(readFileSync(join(repo, "agentframer.lock"), "utf8"));
const jobById = new Map(jobs.map((j) => [j.id, j]));
let rendered = 0;
const mismatched = [];
for (let i = 0; i < ASSETS; i++) {
  const entry = lock.assets[`soak-${i}`];
  const path = join(repo, `public/soak/${i}.png`);
  if (!entry || !existsSync(path)) continue;
  const bytes = readFileSync(path);
  const sha = createHash("sha256").update(bytes).digest("hex");
  const job = jobById.get(entry.generation);
  if (
    sha !== entry.sha256 ||
    bytes.length !== entry.size ||
    job?.sha256 !== sha ||
    job?.size !== bytes.length
  ) {
    mismatched.push(`soak-${i}`);
  } else rendered++;
}
const keyInFiles = files.filter((f) => readFileSync(join(repo, f)).includes(KEY));
const keyPrinted = printed.some((t) => t.includes(KEY));
const r = emulator.ledger.requests;
const rejected = Object.values(r.rejected).reduce((a, b) => a + b, 0);
const fired = emulator.ledger.faultsInjected;
// Every refused or cut request is one the client had to send again.
const retries = rejected + (fired.resetAfterCreate ?? 0) + (fired.truncateDownload ?? 0);

const report = {
  assets: ASSETS,
  rendered,
  duplicateJobs: duplicateJobs + sameKey,
  partialFiles: partialFiles.length + mismatched.length,
  kills,
  runsExitedBeforeTheirKill: missed,
  finalRuns: finalRuns + 1,
  lastExit: last?.code,
  jobs: jobs.length,
  requests: {
    create: r.create,
    replayed: r.createReplayed,
    status: r.status,
    download: r.download,
  },
  retriesSeenByServer: retries,
  faultsInjected: fired,
  keyInFiles: keyInFiles.length,
  keyPrinted,
  keyReachedResultsOrigin: emulator.ledger.keyReachedResultsOrigin(),
  wallSeconds: Math.round(wallMs / 100) / 10,
};
await emulator.close();

console.log(`assets rendered:    ${rendered} / ${ASSETS}`);
console.log(`duplicate jobs:     ${report.duplicateJobs} (target 0)`);
console.log(`partial files:      ${report.partialFiles} (target 0)`);
console.log(`SIGKILLs:           ${kills} (${missed} runs ended before their kill time)`);
console.log(`retries (server):   ${retries} — ${JSON.stringify(fired)}`);
console.log(`requests:           ${JSON.stringify(report.requests)} for ${jobs.length} jobs`);
console.log(
  `key leaked:         files ${keyInFiles.length}, printed ${keyPrinted}, results origin ${report.keyReachedResultsOrigin}`,
);
console.log(`wall time:          ${report.wallSeconds} s`);
console.log(JSON.stringify(report));
const ok =
  report.duplicateJobs === 0 &&
  report.partialFiles === 0 &&
  rendered === ASSETS &&
  keyInFiles.length === 0 &&
  !keyPrinted &&
  !report.keyReachedResultsOrigin;
if (!ok) {
  if (partialFiles.length) console.error(`partial files: ${partialFiles.slice(0, 10).join(", ")}`);
  if (mismatched.length)
    console.error(`bytes not matching the lock/ledger: ${mismatched.slice(0, 10).join(", ")}`);
  if (last && last.code !== 0) console.error(last.stderr.split("\n").slice(-20).join("\n"));
}
process.exit(ok ? 0 : 1);

function lockEntries() {
  try {
    return Object.keys(JSON.parse(readFileSync(join(repo, "agentframer.lock"), "utf8")).assets)
      .length;
  } catch {
    return 0;
  }
}

function walk(root, rel = "") {
  const out = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, child));
    else out.push(child);
  }
  return out;
}
