// npm run bench:cache-transfer — what the Actions cache's transfer folder costs a run with a big
// local cache (src/state/cache-transfer.ts). A save puts a hard link to each of the cache's files
// in `.agentframer/cache-transfer/` (the cache itself never moves), and a finished restore moves
// each plain file of the archive into the cache, checking every one with lstat. 50,000 entries
// (100,000 files, as `<first2>/<hash>` and `<hash>.json`): the time to stage them for a save, and
// to adopt them into a runner with no cache yet (a hosted runner) and into one holding half of
// them (a self-hosted runner). Budgets (exit 1 when over): 10 s each. Needs `npm run build` first
// (imports lib/).
//
// BENCH_CACHE_ENTRIES=N runs on N entries instead of 50,000.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
const COUNT = Number(process.env.BENCH_CACHE_ENTRIES ?? 50_000);
const BUDGET_MS = 10_000;
const work = join(ROOT, "bench-out", "cache-transfer");

const { adoptCacheTransfer, stageCacheForSave, unstageCacheAfterSave } = await import(
  pathToFileURL(join(ROOT, "lib", "state", "cache-transfer.js")).href
);

const hashOf = (i) => i.toString(16).padStart(64, "0").split("").reverse().join("");

/** `count` entries (bytes and meta) under `folder`, from entry `from` on. */
function fill(folder, from, count) {
  for (let i = from; i < from + count; i++) {
    const hash = hashOf(i);
    const dir = join(folder, hash.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, hash), "x".repeat(256));
    writeFileSync(join(dir, `${hash}.json`), "{}");
  }
}

const files = (folder) =>
  readdirSync(folder).reduce((n, sub) => n + readdirSync(join(folder, sub)).length, 0);

async function timed(what, run) {
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  console.log(`${what}: ${(ms / 1000).toFixed(2)} s`);
  return ms;
}

const figures = [];
const cache = join(work, ".agentframer", "cache");
const transfer = join(work, ".agentframer", "cache-transfer");

rmSync(work, { recursive: true, force: true });
fill(cache, 0, COUNT);
figures.push(
  await timed(`stage ${COUNT} entries for a save (hard links)`, () => stageCacheForSave(work)),
);
if (files(transfer) !== 2 * COUNT) throw new Error("the save's copy is not whole");
await unstageCacheAfterSave(work);

rmSync(work, { recursive: true, force: true });
fill(transfer, 0, COUNT);
figures.push(
  await timed(`adopt ${COUNT} restored entries, no cache yet`, () => adoptCacheTransfer(work)),
);
if (files(cache) !== 2 * COUNT) throw new Error("the cache is not whole");

rmSync(work, { recursive: true, force: true });
fill(cache, 0, COUNT / 2);
fill(transfer, 0, COUNT);
figures.push(
  await timed(`adopt ${COUNT} restored entries into a cache holding half`, () =>
    adoptCacheTransfer(work),
  ),
);
if (files(cache) !== 2 * COUNT) throw new Error("the cache is not whole");
rmSync(work, { recursive: true, force: true });

const over = figures.filter((ms) => ms > BUDGET_MS).length;
console.log(
  over === 0
    ? `within budget (${BUDGET_MS / 1000} s each)`
    : `${over} over budget (${BUDGET_MS / 1000} s each)`,
);
process.exit(over === 0 ? 0 : 1);
