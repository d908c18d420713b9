// Fails when an import in src/ goes up the layers. The folders form a stack; a module may import
// from its own folder or from any folder below its own, never from one above or beside it:
//
//   cli, action          the two front ends
//   publish              commit, PR comment, job summary
//   render               the pipeline: plan → cache → store → API → record
//   derive               media derived from a render's bytes (variants, previews)
//   store                the shared durable tier (git, S3), pull, verify
//   plan                 hashing and comparing with the lock and the outputs
//   state                every file kept beside a manifest (lock, journal, cache, run lock)
//   manifest             reading and checking the YAML
//   net, git, util, emulator   plumbing with no knowledge of the pipeline
//
// Type-only imports count: a type lives with its producer. Reads src/ as text; no dependencies.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const LAYERS = [
  ["cli", "action"],
  ["publish"],
  ["render"],
  ["derive"],
  ["store"],
  ["plan"],
  ["state"],
  ["manifest"],
  ["net", "git", "util", "emulator"],
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const src = resolve(root, process.argv[2] ?? "src");

const layerOf = new Map(LAYERS.flatMap((folders, depth) => folders.map((f) => [f, depth])));

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const folderOf = (file) => relative(src, file).split(sep)[0];
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const problems = [];
for (const file of sourceFiles(src)) {
  const from = folderOf(file);
  if (!file.slice(src.length + 1).includes(sep)) continue; // src/*.ts at the root: none today
  const fromDepth = layerOf.get(from);
  if (fromDepth === undefined) {
    problems.push(
      `${relative(root, file)}: folder src/${from}/ has no layer in scripts/check/layers.mjs`,
    );
    continue;
  }
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      for (const [, spec] of line.matchAll(SPECIFIER)) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
        if (!target.startsWith(src + sep) || !existsSync(target)) continue;
        const to = folderOf(target);
        if (to === from) continue;
        const toDepth = layerOf.get(to);
        if (toDepth === undefined || toDepth <= fromDepth) {
          problems.push(
            `${relative(root, file)}:${i + 1}: src/${from}/ imports src/${to}/ (${spec}), ` +
              `but ${to} is ${toDepth === undefined ? "in no layer" : toDepth === fromDepth ? "beside it" : "above it"}`,
          );
        }
      }
    });
}

if (problems.length > 0) {
  console.error(
    `Imports against the layers (see scripts/check/layers.mjs):\n${problems.join("\n")}`,
  );
  process.exit(1);
}
