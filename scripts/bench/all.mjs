// npm run bench — every benchmark in turn (plan, render, store, store-scale, action, derive,
// before-previews, cache-transfer), each with its own budget.
// Needs `npm run build` first. Exits 1 if any benchmark is over budget (or fails), after running
// them all, so one slow figure does not hide the others.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const failed = [];
for (const name of [
  "plan",
  "render",
  "store",
  "store-scale",
  "action",
  "derive",
  "before-previews",
  "cache-transfer",
]) {
  console.log(`\n=== bench:${name} ===`);
  const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: "inherit" });
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}
if (failed.length > 0) {
  console.error(`\nover budget or failed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log("\nevery benchmark within budget");
