/**
 * A repository whose outputs live in a git store, over a real bare `origin` on disk: the manifest
 * (and, unless asked otherwise, its lock) committed on `main`, every asset's bytes written to the
 * `agentframer-store` branch by the tool's own store, and nothing on disk. `fresh()` clones it as
 * a new machine would; `editStore()` changes the store branch as anyone who can push could.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadManifest } from "../../src/manifest/load.js";
import { assetHash } from "../../src/plan/hash.js";
import { emptyLockfile } from "../../src/state/lockfile.js";
import { lockEntryFor } from "../../src/plan/lock-entry.js";
import type { Lockfile } from "../../src/state/lock-types.js";
import { openStore } from "../../src/store/open.js";
import { parseStoreSpec } from "../../src/store/spec.js";
import { PNG_SIGNATURE } from "../../src/emulator/png.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "./git-remote.js";
import { allowPartialClone } from "./store-remote.js";
import { tempDirSync } from "./temp-dir.js";

export const STORE_REF = "refs/heads/agentframer-store";

/** PNG-looking bytes of `size`, different for every `seed`. */
export function pngBytes(seed: string, size = 2048): Buffer {
  const body = Buffer.alloc(size - PNG_SIGNATURE.length);
  for (let i = 0; i < body.length; i++)
    body[i] = (i * 31 + seed.charCodeAt(i % seed.length) * 7) & 0xff;
  return Buffer.concat([PNG_SIGNATURE, body]);
}

export const sha256Hex = (bytes: Buffer): string =>
  createHash("sha256").update(bytes).digest("hex");

export interface StoredRepo {
  remote: GitRemote;
  /** What a test run needs: PATH and git without user or system config. */
  env: NodeJS.ProcessEnv;
  /** The bytes of each asset by output path, and the lock that records them. */
  bytes: Map<string, Buffer>;
  hashes: Map<string, string>;
  lock: Lockfile;
  /** A new clone of `main`, `depth` folders below a fresh temp folder. */
  fresh(depth?: number): string;
  /**
   * Check out the store branch, let `edit` change its files, commit, and push the commit to
   * `ref` (the store branch itself by default). Returns the commit.
   */
  editStore(edit: (dir: string) => void, ref?: string): string;
}

export async function storedRepo(
  manifest: string,
  files: Record<string, string> = {},
  { commitLock = true }: { commitLock?: boolean } = {},
): Promise<StoredRepo> {
  const remote = createGitRemote({ "agentframer.yml": manifest, ...files });
  allowPartialClone(remote.bare);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: "/nonexistent", ...GIT_TEST_ENV };
  const loaded = await loadManifest(join(remote.clone, "agentframer.yml"));
  const store = await openStore(parseStoreSpec("git"), {
    manifestDir: remote.clone,
    env,
    author: { name: "t", email: "t@example.test" },
    warn: () => {},
  });
  const staging = tempDirSync("af-staging-");
  const lock = emptyLockfile();
  const bytes = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  const writes = loaded.assets.map((asset, i) => {
    const data = pngBytes(asset.id);
    const file = join(staging, `${i}.png`);
    writeFileSync(file, data);
    const hash = assetHash(asset);
    bytes.set(asset.output, data);
    hashes.set(asset.id, hash);
    const generation = `gen-${asset.id}`;
    const renderedAt = "2026-12-03T00:00:00.000Z";
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256: sha256Hex(data),
      size: data.length,
      generation,
      renderedAt,
    });
    return {
      file,
      record: {
        hash,
        sha256: sha256Hex(data),
        size: data.length,
        type: "image" as const,
        extension: "png",
        model: asset.model,
        generation,
        created: renderedAt,
      },
    };
  });
  await store!.write(writes);
  if (commitLock) {
    writeFileSync(join(remote.clone, "agentframer.lock"), `${JSON.stringify(lock, null, 2)}\n`);
    remote.git(["add", "agentframer.lock"]);
    remote.git(["commit", "--quiet", "-m", "lock"]);
    remote.git(["push", "--quiet", "origin", `HEAD:refs/heads/${remote.branch}`]);
  }
  const git = (args: string[], cwd: string) =>
    execFileSync("git", args, { cwd, env: { ...process.env, ...GIT_TEST_ENV }, encoding: "utf8" });
  let edits = 0;
  return {
    remote,
    env,
    bytes,
    hashes,
    lock,
    fresh(depth = 1) {
      let dir = tempDirSync("af-fresh-");
      for (let i = 1; i < depth; i++) dir = join(dir, `d${i}`);
      mkdirSync(dir, { recursive: true });
      const clone = join(dir, "work");
      git(["clone", "--quiet", remote.bare, clone], dir);
      return clone;
    },
    editStore(edit, ref = STORE_REF) {
      const dir = join(tempDirSync("af-store-edit-"), `edit-${edits++}`);
      git(["clone", "--quiet", "--branch", "agentframer-store", remote.bare, dir], ".");
      edit(dir);
      git(["add", "--all"], dir);
      git(["commit", "--quiet", "-m", "edit"], dir);
      git(["push", "--quiet", "--force", "origin", `HEAD:${ref}`], dir);
      return git(["rev-parse", "HEAD"], dir).trim();
    },
  };
}

/** Where an entry's record and bytes sit in the store branch's tree. */
export const recordPath = (hash: string): string => `${hash.slice(0, 2)}/${hash}.json`;
export const bytesPath = (hash: string): string => `${hash.slice(0, 2)}/${hash}.png`;
