// Cold start of the bundled action: from spawning `node dist/action/index.js` (as the runner
// does) to its first line of work, the start marker. Budget: 300 ms (median). Needs `npm run build`.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ENTRY = resolve("dist/action/index.js");
const MARKER = "agentframer render: starting";
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BUDGET_MS = 300;

const workspace = mkdtempSync(join(tmpdir(), "af-bench-action-"));
const env = {
  PATH: process.env.PATH,
  GITHUB_WORKSPACE: workspace,
  GITHUB_EVENT_NAME: "schedule",
  GITHUB_REPOSITORY: "octo/bench",
  INPUT_CACHE: "false",
  INPUT_PUBLISH: "none",
};

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [ENTRY], {
      cwd: workspace,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let seen;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (seen === undefined && out.includes(MARKER)) {
        seen = Number(process.hrtime.bigint() - started) / 1e6;
      }
    });
    child.on("error", reject);
    child.on("close", () =>
      seen === undefined ? reject(new Error(`no start marker in output:\n${out}`)) : resolve(seen),
    );
  });
}

const bytes = (files) => files.reduce((n, f) => n + statSync(join("dist/action", f)).size, 0);
const files = readdirSync("dist/action").filter((f) => f.endsWith(".js"));

await once(); // warm the file system cache, as a runner's second step would find it
const times = [];
for (let i = 0; i < RUNS; i++) times.push(await once());
rmSync(workspace, { recursive: true, force: true });
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const median = at(0.5);

console.log(
  `action cold start (node ${process.version}, ${RUNS} runs): median ${median.toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${times[0].toFixed(0)} ms (budget ${BUDGET_MS} ms)`,
);
console.log(
  `bundle: index.js ${(bytes(["index.js"]) / 1024).toFixed(0)} KiB loaded at start; all chunks ${(bytes(files) / 1024).toFixed(0)} KiB in ${files.length} files`,
);
if (median > BUDGET_MS) {
  console.error(`over budget: ${median.toFixed(0)} ms > ${BUDGET_MS} ms`);
  process.exitCode = 1;
}
