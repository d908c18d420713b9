// npm run bench:before-previews — what the "Before" previews of a PR's replaced renders cost the
// run's jobs. 50 committed renders of 1024×1024 (PNGs of gradients under noise, made once into
// bench-out/) whose store entries lack a preview, through prepareBeforeRenders
// (src/render/before-previews.ts) as a render calls it: the time until it returns is what holds up
// the first job; the time until `settled` is what making the previews takes (while the jobs run).
// Budgets (exit 1 when over): it returns within 250 ms, and every preview is made. Needs
// `npm run build` first (imports lib/).
//
// BENCH_BEFORE_PREVIEWS=N runs on N renders instead of 50.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
const COUNT = Number(process.env.BENCH_BEFORE_PREVIEWS ?? 50);
const SIZE = 1024;
const RETURN_BUDGET_MS = 250;
const inputs = join(ROOT, "bench-out", "before-previews", `inputs-${SIZE}`);
const repo = join(ROOT, "bench-out", "before-previews", "repo");

const lib = (path) => import(pathToFileURL(join(ROOT, "lib", path)).href);
const { prepareBeforeRenders } = await lib("render/before-previews.js");
const { previewTools } = await lib("derive/preview/tools.js");
const sharp = createRequire(join(ROOT, "package.json"))("sharp");

/** Photographic enough: smooth gradients that differ per image, and fine noise over them. */
async function input(i) {
  const path = join(inputs, `render-${String(i).padStart(4, "0")}.png`);
  if (!existsSync(path)) {
    mkdirSync(inputs, { recursive: true });
    const pixels = Buffer.alloc(SIZE * SIZE * 3);
    let seed = i + 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let at = 0; at < pixels.length; at++) {
      const x = (at / 3) % SIZE;
      pixels[at] = 128 + 100 * Math.sin((x / SIZE) * (at % 3) * 3 + i) + random() * 24;
    }
    const raw = { raw: { width: SIZE, height: SIZE, channels: 3 } };
    writeFileSync(path, await sharp(pixels, raw).png().toBuffer());
  }
  return readFileSync(path);
}

rmSync(repo, { recursive: true, force: true });
mkdirSync(join(repo, ".agentframer"), { recursive: true });
mkdirSync(join(repo, "public"), { recursive: true });
const replaced = [];
const hits = new Map();
for (let i = 0; i < COUNT; i++) {
  const bytes = await input(i);
  const output = `public/render-${i}.png`;
  writeFileSync(join(repo, output), bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const hash = createHash("sha256").update(`asset ${i}`).digest("hex");
  const record = { hash, sha256, size: bytes.length, type: "image", extension: "png" };
  replaced.push({
    id: `render-${i}`,
    status: "changed",
    output,
    lock: { hash, output, sha256, size: bytes.length },
  });
  hits.set(hash, {
    record: {
      ...record,
      model: "flux-1.1-pro",
      generation: `gen-${i}`,
      created: "2026-12-06T00:00:00Z",
    },
    location: { commit: "0".repeat(40), path: `${hash.slice(0, 2)}/${hash}` },
  });
}

const warnings = [];
const started = performance.now();
const before = await prepareBeforeRenders(replaced, hits, {
  manifestDir: repo,
  write: true,
  tools: previewTools(process.env),
  warn: (message) => warnings.push(message),
});
const returnedMs = performance.now() - started;
await before.settled;
const settledMs = performance.now() - started;
rmSync(repo, { recursive: true, force: true });

console.log(`${COUNT} previews of replaced ${SIZE}×${SIZE} renders`);
console.log(`  jobs held up:   ${returnedMs.toFixed(0)} ms (budget ${RETURN_BUDGET_MS} ms)`);
console.log(`  all made after: ${settledMs.toFixed(0)} ms, while the jobs run`);
for (const warning of warnings) console.log(`  warning: ${warning}`);
const over = [];
if (returnedMs > RETURN_BUDGET_MS) over.push(`held the jobs up ${returnedMs.toFixed(0)} ms`);
if (before.additions.length !== COUNT) over.push(`made ${before.additions.length} of ${COUNT}`);
if (over.length > 0) {
  console.error(`over budget: ${over.join("; ")}`);
  process.exit(1);
}
