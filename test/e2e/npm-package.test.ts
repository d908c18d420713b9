/**
 * The npm package as a user gets it: `npm pack` of this checkout, installed into an empty project
 * in the OS temp folder that cannot see this checkout (no path into it, no npm_* variables from
 * the test runner, no node_modules/.bin of ours on PATH), then run with `npx`. The install is
 * offline: what the package needs at run time comes from the npm cache `npm ci` filled. npm
 * cannot resolve a version range offline without the registry's package documents, which
 * `npm ci` does not fetch, so the project starts with a lockfile naming the exact versions of the
 * package's runtime dependencies, copied from ours (sharp, the image library, whose native part
 * an ncc bundle cannot carry; npm installs only this platform's binary pair from them).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { delimiter, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { lockClosure, type LockPackage } from "../support/lock-closure.js";
import { tempDir } from "../support/temp-dir.js";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let packed: Packed;
let tarball: string;

beforeAll(async () => {
  const out = await tempDir("agentframer-pack-");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", out], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  packed = (JSON.parse(stdout) as Packed[])[0] as Packed;
  tarball = join(out, packed.filename);
}, 120_000);

describe("the npm package", () => {
  it("ships the CLI's bundle, the schema, README, LICENSE and CHANGELOG, and nothing else", () => {
    const paths = packed.files.map((f) => f.path).sort();
    const allowed =
      /^(dist\/cli\/[^/]+|schema\/[^/]+\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    expect(paths.filter((p) => /^(src|test|lib|scripts|dist\/action)\//.test(p))).toEqual([]);
    for (const needed of [
      "dist/cli/index.js",
      "dist/cli/package.json",
      "schema/agentframer.schema.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "package.json",
    ]) {
      expect(paths).toContain(needed);
    }
    // The action's bundle alone is over 6 MB unpacked; the CLI's is under 3 MB.
    expect(packed.unpackedSize).toBeLessThan(4 * 1024 * 1024);
  });

  it("installs offline into an empty project and renders with npx", async () => {
    const project = await tempDir("agentframer-user-");
    expect(project.startsWith(ROOT + sep)).toBe(false);
    await copyFile(tarball, join(project, packed.filename));
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "clean-project", version: "1.0.0", private: true }, null, 2),
    );
    const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
      version: string;
      dependencies?: Record<string, string>;
    };
    // The image library's native binary cannot live in an ncc bundle: it must be a dependency.
    expect(Object.keys(manifest.dependencies ?? {})).toContain("sharp");
    const pinned = await runtimeLockEntries(Object.keys(manifest.dependencies ?? {}));
    if (Object.keys(pinned).length > 0) {
      await writeFile(
        join(project, "package-lock.json"),
        JSON.stringify({
          name: "clean-project",
          version: "1.0.0",
          lockfileVersion: 3,
          requires: true,
          packages: { "": { name: "clean-project", version: "1.0.0" }, ...pinned },
        }),
      );
    }

    const env = userEnv();
    const npm = (args: string[]) =>
      run("npm", args, { cwd: project, env, maxBuffer: 16 * 1024 * 1024 });
    const npx = (args: string[]) =>
      run("npx", ["--offline", ...args], { cwd: project, env, maxBuffer: 16 * 1024 * 1024 });

    await npm(["install", "--offline", "--no-audit", "--no-fund", `./${packed.filename}`]);
    const installed = JSON.parse(
      await readFile(join(project, "node_modules", "agentframer-render", "package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe(manifest.version);

    // The image library is found from the installed bundle's own place, as the CLI looks for
    // it, and its native binary (from the npm cache, for this platform) works.
    const bundle = join(project, "node_modules", "agentframer-render", "dist", "cli", "index.js");
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const probe = [
        `const lib = require("node:module").createRequire(${JSON.stringify(bundle)})(${JSON.stringify(name)});`,
        `if (${JSON.stringify(name)} === "sharp") lib({ create: { width: 3, height: 2, channels: 3, background: "#fff" } })`,
        `  .png().toBuffer().then((b) => lib(b).metadata()).then((m) => console.log(m.format, m.width, m.height));`,
        `else console.log("loaded");`,
      ].join("\n");
      const { stdout } = await run(process.execPath, ["-e", probe], { cwd: project, env });
      expect(stdout, name).toBe(name === "sharp" ? "png 3 2\n" : "loaded\n");
    }

    expect((await npx(["agentframer", "--version"])).stdout).toBe(`${manifest.version}\n`);
    expect((await npx(["agentframer-render", "--version"])).stdout).toBe(`${manifest.version}\n`);

    await writeFile(
      join(project, "agentframer.yml"),
      [
        "version: 1",
        "assets:",
        "  - id: hero",
        "    model: flux-1.1-pro",
        "    prompt: A lighthouse at dawn",
        "    output: public/hero.png",
        "    params: { width: 64, height: 48 }",
        "",
      ].join("\n"),
    );
    const rendered = await npx(["agentframer", "render", "--emulator", "--json"]);
    const result = JSON.parse(rendered.stdout) as {
      assets: { id: string; status: string; output: string }[];
    };
    expect(result.assets.map((a) => [a.id, a.status])).toEqual([["hero", "rendered"]]);

    const png = await readFile(join(project, "public", "hero.png"));
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBe(64); // IHDR width
    expect(png.readUInt32BE(20)).toBe(48); // IHDR height
    const lock = JSON.parse(await readFile(join(project, "agentframer.lock"), "utf8")) as {
      assets: Record<string, { sha256: string; size: number }>;
    };
    expect(lock.assets.hero?.sha256).toBe(createHash("sha256").update(png).digest("hex"));
    expect(lock.assets.hero?.size).toBe(png.length);
  }, 180_000);
});

/**
 * The environment of a user's shell: PATH without this checkout's folders (npm test puts our
 * node_modules/.bin first), HOME and the npm cache, and none of the npm_* variables the test
 * runner inherited from `npm test` (they name this checkout's package.json and prefix).
 */
function userEnv(): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => entry !== "" && !resolve(entry).startsWith(ROOT + sep))
    .join(delimiter);
  const env: NodeJS.ProcessEnv = {
    PATH: path,
    HOME: process.env.HOME,
    NO_COLOR: "1",
    CI: "1",
    npm_config_update_notifier: "false",
  };
  const cache = process.env.npm_config_cache;
  if (cache !== undefined) env.npm_config_cache = cache;
  return env;
}

/**
 * Our lockfile's entries for the package's runtime dependencies and everything they need, at the
 * same paths, so that npm can install them from its cache without asking the registry which
 * version a range means. Flags that describe our tree rather than the package's are dropped.
 */
async function runtimeLockEntries(roots: string[]): Promise<Record<string, LockPackage>> {
  const lock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockPackage>;
  };
  const { paths, missing } = lockClosure(lock.packages, roots);
  if (missing.length > 0) throw new Error(`not in package-lock.json: ${missing.join(", ")}`);
  const found: Record<string, LockPackage> = {};
  for (const path of paths) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = lock.packages[path]!;
    found[path] = kept;
  }
  return found;
}
