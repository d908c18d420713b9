// The image library (sharp: JavaScript, a native addon and the prebuilt libvips it links) cannot
// be inlined by ncc: a .node addon and its .so must stay files. The built action therefore
// carries them as a small node_modules of its own, dist/action/vendor/node_modules/, which
// src/derive/image-lib.ts looks for beside the bundle before anything else.
//
// Deterministic on any host: every package comes at the exact version and integrity recorded in
// package-lock.json — copied from node_modules when npm installed it there (this host's
// platform), otherwise fetched with `npm pack` into node_modules/.cache and checked against the
// lock's integrity before it is unpacked. Only the files sharp loads at run time are copied.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { join, relative, sep } from "node:path";

// The platforms GitHub-hosted Linux runners have (ubuntu-latest; ubuntu-24.04-arm).
export const VENDORED_PLATFORMS = ["linux-x64", "linux-arm64"];

const CACHE = join("node_modules", ".cache", "agentframer-vendor");

/** Licences, and the files sharp loads: not type declarations, ES-module twins of its CommonJS files, C++ sources, headers. */
function wanted(name, path) {
  if (/^(LICEN[CS]E|COPYING)/i.test(path)) return true;
  // libvips's readme is where its package states the licences of the libraries it links.
  if (name.startsWith("@img/sharp-libvips-") && path === "README.md") return true;
  if (/\.(md|d\.ts|d\.mts|d\.cts|h|cc|gyp)$/.test(path)) return false;
  if (name === "sharp")
    return path === "package.json" || path === "LICENSE" || /^dist\/[^/]+\.cjs$/.test(path);
  if (name.startsWith("@img/sharp-libvips-")) return !path.startsWith("lib/glib-2.0/");
  if (name === "semver")
    return !path.startsWith("bin/") && path !== "range.bnf" && path !== "preload.js";
  return true;
}

function lockEntry(lock, name, from) {
  // The same walk Node's resolver makes: the nearest node_modules/<name> above the requiring package.
  let dir = from;
  for (;;) {
    const key = `${dir}${dir ? "/" : ""}node_modules/${name}`;
    if (lock.packages[key]) return { key, ...lock.packages[key] };
    if (!dir) throw new Error(`package-lock.json has no ${name} (needed by ${from || "the root"})`);
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent < 0 ? "" : dir.slice(0, parent);
  }
}

function integrityOf(file, algorithm) {
  return `${algorithm}-${createHash(algorithm).update(readFileSync(file)).digest("base64")}`;
}

/** The package's folder: npm's own install when it is the locked version, else an unpacked, checked tarball. */
function packageDir(name, entry) {
  if (existsSync(join(entry.key, "package.json"))) {
    const installed = JSON.parse(readFileSync(join(entry.key, "package.json"), "utf8"));
    if (installed.version === entry.version) return entry.key;
  }
  const unpacked = join(CACHE, `${name.replace("/", "+")}-${entry.version}`);
  if (existsSync(join(unpacked, "package", "package.json"))) return join(unpacked, "package");
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  const out = execFileSync(
    "npm",
    ["pack", `${name}@${entry.version}`, "--json", "--pack-destination", unpacked],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const tarball = join(unpacked, JSON.parse(out)[0].filename);
  const algorithm = entry.integrity.split("-")[0];
  const actual = integrityOf(tarball, algorithm);
  if (actual !== entry.integrity) {
    rmSync(unpacked, { recursive: true, force: true });
    throw new Error(
      `${name}@${entry.version}: integrity ${actual} is not the lock's ${entry.integrity}`,
    );
  }
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
  rmSync(tarball);
  return join(unpacked, "package");
}

function listFiles(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? listFiles(root, join(dir, d.name)) : [relative(root, join(dir, d.name))],
    )
    .sort();
}

function copyPackage(name, from, to) {
  let bytes = 0;
  for (const file of listFiles(from)) {
    if (!wanted(name, file.split(sep).join("/"))) continue;
    cpSync(join(from, file), join(to, file));
    // One mode whatever the source (npm's install or a tarball): git records the executable bit.
    chmodSync(join(to, file), 0o644);
    bytes += statSync(join(from, file)).size;
  }
  return bytes;
}

/** Writes `<outDir>/node_modules/` with sharp, its dependencies and each platform's addon and libvips. */
export function vendorImageLib(outDir, platforms = VENDORED_PLATFORMS) {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
  const sharp = lockEntry(lock, "sharp", "");
  const sharpPkg = JSON.parse(
    readFileSync(join(packageDir("sharp", sharp), "package.json"), "utf8"),
  );
  const names = [...Object.keys(sharpPkg.dependencies ?? {})];
  for (const platform of platforms)
    names.push(`@img/sharp-${platform}`, `@img/sharp-libvips-${platform}`);

  const target = join(outDir, "node_modules");
  rmSync(outDir, { recursive: true, force: true });
  const sizes = [
    ["sharp", copyPackage("sharp", packageDir("sharp", sharp), join(target, "sharp"))],
  ];
  for (const name of names.sort()) {
    const entry = lockEntry(lock, name, sharp.key);
    const dependencies = lock.packages[entry.key].dependencies ?? {};
    if (Object.keys(dependencies).length > 0)
      throw new Error(`${name} has dependencies of its own; vendor them too`);
    sizes.push([name, copyPackage(name, packageDir(name, entry), join(target, name))]);
  }
  return sizes;
}
