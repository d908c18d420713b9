// Type-checked compile (tsc -> lib/), then one self-contained bundle per front end (ncc -> dist/).
// The action also carries the image library's native files (see vendor-image-lib.mjs): GitHub
// runs it with no node_modules. The CLI resolves sharp from its own package's dependencies.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { vendorImageLib } from "./vendor-image-lib.mjs";

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
if (existsSync("dist/action")) {
  const sizes = vendorImageLib("dist/action/vendor");
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `dist/action/vendor: ${sizes.map(([name]) => name).join(", ")} (${(total / 1e6).toFixed(1)} MB)`,
  );
}
