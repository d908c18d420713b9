// Type-checked compile (tsc -> lib/), then one self-contained bundle per front end (ncc -> dist/).
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });
const bin = (name) => `node_modules/.bin/${name}`;

rmSync("lib", { recursive: true, force: true });
run(bin("tsc"), ["-p", "tsconfig.build.json"]);

const entries = [
  ["lib/cli/main.js", "dist/cli"],
  ["lib/action/main.js", "dist/action"],
];
for (const [entry, out] of entries) {
  if (!existsSync(entry)) continue;
  rmSync(out, { recursive: true, force: true });
  run(bin("ncc"), [
    "build",
    entry,
    "-o",
    out,
    "--minify",
    "--no-source-map-register",
    "--quiet",
    "--license",
    "licenses.txt",
  ]);
}
