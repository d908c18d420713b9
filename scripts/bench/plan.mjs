// npm run bench:plan — the whole `agentframer plan` process (the built dist/cli/index.js) on
// 50,000 CSV-driven assets (BENCH_ROWS sets how many) plus 1,000 explicit ones, against a
// lockfile matching 90% of them, cold (no stat index: every output is hashed) and warm. Also
// times a floor: a bare Node process that only parses the same YAML and CSV and SHA-256s each
// canonical request. A "minimal" plan is timed beside it for reference: the floor plus reading the
// lock and the stat index and one lstat per unchanged output, checking nothing.
// Budget (issue 19): the warm plan's CPU time (user+sys, which load does not inflate) and peak
// RSS within 1.5x the floor's at the default size, within 2x from 500,000 rows; exits 1 when over.
// Wall times, cold figures and the start-up cost are printed beside it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/cli/index.js");
const CSV_ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const EXPLICIT = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The ratio to the floor allowed: 1.5x up to the default size, 2x at 500,000 rows and above
// (in between, the stricter one).
const BUDGET_RATIO = CSV_ROWS >= 500_000 ? 2 : 1.5;
if (!Number.isSafeInteger(CSV_ROWS) || CSV_ROWS < 1) {
  console.error(
    `bench:plan: BENCH_ROWS must be a positive whole number, not ${process.env.BENCH_ROWS}`,
  );
  process.exit(2);
}

for (const needed of [
  CLI,
  join(ROOT, "lib/manifest/load.js"),
  join(ROOT, "lib/state/lockfile.js"),
]) {
  if (!existsSync(needed)) {
    console.error(`bench:plan: ${needed} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const { loadManifest } = await import(pathToFileURL(join(ROOT, "lib/manifest/load.js")).href);
const { writeLockfile, emptyLockfile } = await import(
  pathToFileURL(join(ROOT, "lib/state/lockfile.js")).href
);
const { lockEntryFor } = await import(pathToFileURL(join(ROOT, "lib/plan/lock-entry.js")).href);
const { lockfilePathFor } = await import(pathToFileURL(join(ROOT, "lib/state/paths.js")).href);

const dir = mkdtempSync(join(tmpdir(), "agentframer-bench-plan-"));
// BENCH_KEEP=1 keeps the workload for profiling (node --cpu-prof dist/cli/index.js plan).
if (!process.env.BENCH_KEEP)
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
else console.log(`workload kept in ${dir}`);
mkdirSync(join(dir, ".git"));
mkdirSync(join(dir, "data"));

// --- the workload -----------------------------------------------------------------------------
const started = performance.now();
let csv = "sku,name,colour\n";
for (let i = 0; i < CSV_ROWS; i++) {
  csv += `SKU${String(i).padStart(5, "0")},Product ${i},${["red", "blue", "green"][i % 3]}\n`;
}
writeFileSync(join(dir, "data/products.csv"), csv);

let yaml = `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 1024, height: 1024 }
assets:
  - id: product-{{sku}}
    each: data/products.csv
    prompt: Studio photo of {{name}} in {{colour}} on a white background
    output: public/products/{{sku}}.png
`;
for (let i = 0; i < EXPLICIT; i++) {
  const n = String(i).padStart(4, "0");
  yaml += `  - id: hero-${n}
    prompt: A cozy reading nook number ${i} in morning light, editorial photo
    output: public/hero/${n}.png
    params: { seed: ${i} }
`;
}
const manifestPath = join(dir, "agentframer.yml");
writeFileSync(manifestPath, yaml);

// Lock 90% of the assets with the real code, and write their (small) outputs.
const manifest = await loadManifest(manifestPath);
const lock = emptyLockfile();
mkdirSync(join(dir, "public/products"), { recursive: true });
mkdirSync(join(dir, "public/hero"), { recursive: true });
manifest.assets.forEach((asset, i) => {
  if (i % 10 === 9) return;
  const bytes = `rendered bytes of ${asset.id}\n`;
  writeFileSync(join(dir, asset.output), bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  lock.assets[asset.id] = lockEntryFor(asset, {
    sha256,
    size: Buffer.byteLength(bytes),
    generation: `gen_${i}`,
    renderedAt: "2026-01-01T00:00:00.000Z",
  });
});
await writeLockfile(lockfilePathFor(join(dir, "agentframer.yml")), lock);
const locked = Object.keys(lock.assets).length;
console.log(
  `workload: ${manifest.assets.length} assets (${CSV_ROWS} from CSV + ${EXPLICIT} explicit), ` +
    `${locked} locked with outputs on disk; generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
// Outputs must be older than the stat index's racy window, as they are after a real render.
await new Promise((r) => setTimeout(r, 2100));

// --- measuring a process ----------------------------------------------------------------------
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
// Without GNU time, a preload reports the process's own peak RSS as it exits.
const RSS_PRELOAD =
  "data:text/javascript," +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs";
     process.on("exit", () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));`,
  );

function timeProcess(args) {
  const rssFile = join(dir, "rss.txt");
  rmSync(rssFile, { force: true });
  const [cmd, cmdArgs] = GNU_TIME
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args]]
    : [process.execPath, ["--import", RSS_PRELOAD, ...args]];
  const t0 = performance.now();
  const child = spawnSync(cmd, cmdArgs, {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" },
  });
  const ms = performance.now() - t0;
  if (child.status !== 0) {
    console.error(child.stderr.toString());
    throw new Error(`${args.join(" ")} exited ${child.status}`);
  }
  // GNU time: "maxRSS(KB) user(s) sys(s)"; the preload: maxRSS only (CPU then unknown).
  const [kb, user, sys] = readFileSync(rssFile, "utf8").trim().split(/\s+/).map(Number);
  const cpuMs = user === undefined || sys === undefined ? NaN : (user + sys) * 1000;
  return { ms, mb: (kb ?? NaN) / 1024, cpuMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Other processes on this machine stretch wall times (not CPU times or memory): the 1-minute load
// average is sampled around every series and reported with the verdict.
const loads = [];
function series(label, args, before = () => {}) {
  const runs = [];
  loads.push(loadavg()[0]);
  for (let i = 0; i < RUNS; i++) {
    before();
    runs.push(timeProcess(args));
  }
  loads.push(loadavg()[0]);
  const ms = median(runs.map((r) => r.ms));
  const cpuMs = median(runs.map((r) => r.cpuMs));
  const mb = Math.max(...runs.map((r) => r.mb));
  console.log(
    `${label.padEnd(7)} wall median ${ms.toFixed(0).padStart(5)} ms  (runs: ${runs.map((r) => r.ms.toFixed(0)).join(", ")})` +
      `  cpu median ${cpuMs.toFixed(0).padStart(5)} ms  peak ${mb.toFixed(0)} MB`,
  );
  return { ms, mb, cpuMs };
}

// --- the plan is right before it is fast ------------------------------------------------------
const check = spawnSync(process.execPath, [CLI, "plan", "--json"], {
  cwd: dir,
  maxBuffer: 1 << 30,
});
if (check.status !== 0) {
  console.error(
    `bench:plan: plan exited ${check.status}\n${check.stderr.toString().slice(0, 2000)}`,
  );
  process.exit(1);
}
const counts = JSON.parse(check.stdout.toString()).counts;
if (counts.unchanged !== locked || counts.new !== manifest.assets.length - locked) {
  console.error(`bench:plan: unexpected plan counts ${JSON.stringify(counts)}`);
  process.exit(1);
}

// Start-up alone: the bundled CLI printing its version, beside a bare Node process.
const start = series("start", [CLI, "--version"]);
const bare = series("bare", ["-e", "0"]);
console.log(
  `start  the CLI costs ${(start.cpuMs - bare.cpuMs).toFixed(0)} ms CPU and ${(start.mb - bare.mb).toFixed(0)} MB over bare Node before it does anything`,
);

const indexPath = join(dir, ".agentframer/stat-index.json");
const cold = series("cold", [CLI, "plan"], () => rmSync(indexPath, { force: true }));
timeProcess([CLI, "plan"]); // leaves a trusted index behind
const warm = series("warm", [CLI, "plan"]);

// --- the floor --------------------------------------------------------------------------------
const yamlUrl = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("yaml")).href;
const floorScript = join(dir, "floor.mjs");
writeFileSync(
  floorScript,
  `import { readFileSync } from "node:fs";
import { hash } from "node:crypto";
import { parse } from ${JSON.stringify(yamlUrl)};
const doc = parse(readFileSync("agentframer.yml", "utf8"));
const d = doc.defaults;
const send = (prompt, params) => {
  const body = { ...d.params, ...params, model: d.model, prompt, type: d.type };
  return hash("sha256", "v1\\n" + JSON.stringify(body, Object.keys(body).sort()), "hex");
};
let n = 0;
for (const a of doc.assets) {
  if (a.each) {
    const [header, ...rows] = readFileSync(a.each, "utf8").trimEnd().split("\\n");
    const cols = header.split(",");
    for (const row of rows) {
      const values = row.split(",");
      const prompt = a.prompt.replace(/{{(\\w+)}}/g, (_, c) => values[cols.indexOf(c)]);
      send(prompt, a.params ?? {});
      n++;
    }
  } else {
    send(a.prompt, a.params ?? {});
    n++;
  }
}
if (n !== ${manifest.assets.length}) throw new Error("floor saw " + n + " assets");
`,
);
const floor = series("floor", [floorScript]);

// --- a minimal plan, for reference (not part of the verdict) ----------------------------------
// The floor plus only what any plan must add to it: the lock's entries (the tool's own one-line
// layout, scanned for the three fields compared, with no validation), the stat index, and one
// lstat per output whose request is unchanged. No checks of ids, paths or links, no output. It
// shows how much of the budget is left for all of those: at 51,000 assets, none.
const minimalScript = join(dir, "minimal.mjs");
writeFileSync(
  minimalScript,
  `import { lstatSync, readFileSync } from "node:fs";
import { hash } from "node:crypto";
import { parse } from ${JSON.stringify(yamlUrl)};
const field = (line, name, end) => {
  const at = line.indexOf(name) + name.length;
  return line.slice(at, line.indexOf(end, at));
};
const lock = new Map();
for (const line of readFileSync("agentframer.lock", "utf8").split("\\n")) {
  if (!line.startsWith('    "')) continue;
  const id = line.slice(5, line.indexOf('"', 5));
  lock.set(id, [field(line, '"hash":"', '"'), Number(field(line, '"size":', ",")), field(line, '"sha256":"', '"')]);
}
const index = JSON.parse(readFileSync(".agentframer/stat-index.json", "utf8"));
const known = new Map();
index.outputs.forEach((output, i) => known.set(output, i));
const doc = parse(readFileSync("agentframer.yml", "utf8"));
const d = doc.defaults;
const counts = { new: 0, changed: 0, unchanged: 0, modified: 0, missing: 0 };
const plan = (id, output, prompt, params) => {
  const body = { ...d.params, ...params, model: d.model, prompt, type: d.type };
  const h = hash("sha256", "agentframer-asset-v1\\n" + JSON.stringify(body, Object.keys(body).sort()), "hex");
  const locked = lock.get(id);
  if (locked === undefined) return counts.new++;
  if (locked[0] !== h) return counts.changed++;
  const stat = lstatSync(output, { throwIfNoEntry: false });
  if (stat === undefined) return counts.missing++;
  const row = known.get(output);
  const same = row !== undefined && index.stats[row * 3] === stat.size && index.stats[row * 3 + 1] === stat.mtimeMs &&
    index.sha256.slice(row * 64, row * 64 + 64) === locked[2];
  counts[same ? "unchanged" : "modified"]++;
};
const fill = (t, cols, values) => t.replace(/{{(\\w+)}}/g, (_, c) => values[cols.indexOf(c)]);
for (const a of doc.assets) {
  if (a.each) {
    const [header, ...rows] = readFileSync(a.each, "utf8").trimEnd().split("\\n");
    const cols = header.split(",");
    for (const row of rows) {
      const values = row.split(",");
      plan(fill(a.id, cols, values), fill(a.output, cols, values), fill(a.prompt, cols, values), a.params ?? {});
    }
  } else plan(a.id, a.output, a.prompt, a.params ?? {});
}
if (counts.unchanged !== ${locked}) throw new Error("minimal plan: " + JSON.stringify(counts));
`,
);
const minimal = series("minimal", [minimalScript]);

const ratio = warm.ms / floor.ms;
const cpuRatio = warm.cpuMs / floor.cpuMs;
const mbRatio = warm.mb / floor.mb;
console.log(
  `ratio  warm/floor ${ratio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} cpu, ${mbRatio.toFixed(2)} peak ` +
    `(budget <= ${BUDGET_RATIO} cpu and peak); ` +
    `cold/floor ${(cold.ms / floor.ms).toFixed(2)} wall, ${(cold.cpuMs / floor.cpuMs).toFixed(2)} cpu, ` +
    `${(cold.mb / floor.mb).toFixed(2)} peak`,
);
console.log(
  `ratio  minimal/floor ${(minimal.cpuMs / floor.cpuMs).toFixed(2)} cpu, ${(minimal.mb / floor.mb).toFixed(2)} peak ` +
    `(a plan that only reads the lock and the index and stats each output, checking nothing)`,
);
const cores = cpus().length;
const load = Math.max(...loads);
console.log(
  `node ${process.version}, ${cores} CPUs, 1-minute load average ${Math.min(...loads).toFixed(2)}–${load.toFixed(2)} during the runs`,
);

// The verdict is on CPU time and peak memory, as ratios of the floor's measured in the same run:
// wall time on a shared machine measures the other processes as much as this one.
if (Number.isNaN(cpuRatio)) {
  console.error("bench:plan: no CPU times (GNU time is missing), so no verdict on CPU");
}
const over = [
  cpuRatio > BUDGET_RATIO && `warm CPU ${cpuRatio.toFixed(2)}x the floor's`,
  mbRatio > BUDGET_RATIO && `warm peak ${mbRatio.toFixed(2)}x the floor's`,
].filter(Boolean);
if (over.length > 0 || Number.isNaN(cpuRatio)) {
  console.error(`bench:plan: OVER BUDGET (${[...over, `budget ${BUDGET_RATIO}x`].join(", ")})`);
  process.exit(1);
}
console.log(`within budget (warm CPU and peak <= ${BUDGET_RATIO}x the floor's)`);
