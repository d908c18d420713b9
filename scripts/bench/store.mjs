// npm run bench:store — the git store over a local bare `origin` set up as GitHub is (partial
// clone allowed). Prints:
// - bytes a run fetches from the store per restored asset (received packs kept as they came:
//   transfer.unpackLimit=1), restoring 1 and 10 assets from a branch of 400 entries, against the
//   size of the branch: the run must fetch what it restores, not the branch;
// - the time a PR run's store write adds for 10 and for 200 new images, onto that branch.
// Images are 256 KiB of incompressible bytes behind a PNG signature. Budgets (exit 1 when over):
// per restored asset ≤ 2 × its size + 64 KiB; the 200-image write under 30 s.
// Needs `npm run build` first (imports lib/).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);
const { createGitStore } = await lib("store/git-store.js");
const { storeGit } = await lib("store/store-git.js");

const SIZE = 256 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const env = {
  GIT_TRACE: process.env.BENCH_GIT_TRACE ?? "",
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};
const root = mkdtempSync(join(tmpdir(), "af-bench-store-"));
const git = (args, cwd = root) => execFileSync("git", args, { cwd, env, encoding: "utf8" });

const bare = join(root, "origin.git");
git(["init", "--quiet", "--bare", bare]);
git(["config", "uploadpack.allowFilter", "true"], bare);
git(["config", "uploadpack.allowAnySHA1InWant", "true"], bare);

let machines = 0;
function machine() {
  const gitDir = join(root, `machine-${machines++}.git`);
  git(["init", "--quiet", "--bare", gitDir]);
  git(["config", "transfer.unpackLimit", "1"], gitDir);
  return {
    gitDir,
    store: createGitStore({
      git: storeGit({ gitDir, env }),
      gitDir,
      originUrl: bare,
      branch: "agentframer-store",
      label: "bench",
      warn: (m) => console.warn(`warning: ${m}`),
      author: { name: "bench", email: "bench@localhost" },
    }),
  };
}

const files = join(root, "files");
mkdirSync(files);
let made = 0;
function entries(n) {
  return Array.from({ length: n }, () => {
    const bytes = Buffer.concat([PNG, randomBytes(SIZE - PNG.length)]);
    const file = join(files, `${made}.png`);
    writeFileSync(file, bytes);
    const record = {
      hash: createHash("sha256").update(`asset ${made++}`).digest("hex"),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      type: "image",
      extension: "png",
      model: "flux-1.1-pro",
      generation: `gen_${made}`,
      created: new Date().toISOString(),
    };
    return { record, file };
  });
}
const dirBytes = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) =>
      n + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

const over = [];
const base = entries(400);
await machine().store.write(base);
const branchBytes = dirBytes(join(bare, "objects"));
console.log(`store branch: ${base.length} entries of ${kib(SIZE)}, ${kib(branchBytes)} in origin`);

for (const n of [1, 10]) {
  const reader = machine();
  const before = dirBytes(join(reader.gitDir, "objects"));
  const wanted = base.slice(0, n).map((e) => e.record.hash);
  const hits = await reader.store.lookup(wanted);
  for (const [i, hash] of wanted.entries()) {
    const ok = await reader.store.fetch(hits.get(hash), join(root, `restored-${n}-${i}.png`));
    if (!ok) throw new Error(`restore of ${hash} failed`);
  }
  const fetched = dirBytes(join(reader.gitDir, "objects")) - before;
  const per = fetched / n;
  console.log(
    `restore ${n}: ${kib(fetched)} fetched, ${kib(per)} per restored asset ` +
      `(${((100 * fetched) / branchBytes).toFixed(1)}% of the branch)`,
  );
  if (per > 2 * SIZE + 64 * 1024) over.push(`restore ${n}: ${kib(per)} per asset`);
}

for (const n of [10, 200]) {
  const writer = machine();
  const batch = entries(n);
  const started = performance.now();
  await writer.store.write(batch);
  const ms = performance.now() - started;
  console.log(`store write of ${n} new images: ${(ms / 1000).toFixed(2)} s`);
  if (n === 200 && ms > 30_000) over.push(`write 200: ${(ms / 1000).toFixed(1)} s`);
}

rmSync(root, { recursive: true, force: true });
if (over.length > 0) {
  console.error(`over budget: ${over.join("; ")}`);
  process.exit(1);
}
