/**
 * The `git` store: an orphan branch in the repository's own `origin`, read and written through a
 * private bare repository under `.agentframer/` (the user's `.git` is never touched).
 *
 * Reading fetches the branch tip's commit and trees only (`--depth=1 --filter=blob:none`), then
 * just the blobs a run needs, by id. Writing builds the next commit with plumbing (hash-object, a
 * temporary index, commit-tree on the fetched tip) and pushes it without force; a writer that
 * lost the race fetches the new tip and applies its entries again, so concurrent writers never
 * lose each other's entries. A server that refuses filters still works: git then sends the tip's
 * blobs too, and the run is only slower.
 */
import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreGit } from "./store-git.js";
import { GitError } from "../git/runner.js";
import { entryBytesPath, entryRecordPath } from "./layout.js";
import type { Store, StoreHit, StoreWrite } from "./store.js";
import { parseStoreRecord, serializeStoreRecord, verifyStoredBytes } from "./verify.js";

export interface GitStoreOptions {
  git: StoreGit;
  gitDir: string;
  /** The user's `origin` URL (as `git remote get-url origin` gives it). */
  originUrl: string;
  branch: string;
  /** For messages: where the store lives, without credentials. */
  label: string;
  warn(message: string): void;
  /** Who the store's commits are by. */
  author: { name: string; email: string };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Pushes tried before giving up when other writers keep moving the tip. */
export const MAX_PUSH_TRIES = 8;
const TIP_REF = "refs/store/tip";

export class StoreWriteError extends Error {
  override readonly name = "StoreWriteError";
}

export function createGitStore(options: GitStoreOptions): Store {
  const { git, branch, warn } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  /** Blob ids of entries' bytes, by hash, as the last listing found them. */
  const bytesBlobs = new Map<string, string>();
  let ready: Promise<void> | undefined;

  const init = (): Promise<void> =>
    (ready ??= (async () => {
      await mkdir(options.gitDir, { recursive: true });
      await git.run(["init", "--quiet", "--bare", options.gitDir]);
      for (const [key, value] of [
        ["remote.origin.url", options.originUrl],
        ["remote.origin.promisor", "true"],
        ["remote.origin.partialclonefilter", "blob:none"],
        ["core.logallrefupdates", "false"],
        ["gc.auto", "0"],
        // Renders are compressed already (PNG, MP4) or barely compress (WAV): the fastest zlib
        // level, and no delta search between pictures that share nothing.
        ["core.compression", "1"],
        ["pack.window", "0"],
      ] as const)
        await git.run(["config", key, value]);
    })());

  /** The tip's commit, fetched with its trees and without blobs; undefined while the branch is absent. */
  async function fetchTip(): Promise<string | undefined> {
    await init();
    const advertised = (await git.run(["ls-remote", "origin", `refs/heads/${branch}`])).split(
      /\s/,
    )[0];
    if (!advertised) return undefined;
    const present = await git.run(["cat-file", "-e", `${advertised}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (present) return advertised;
    await git.run([
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--depth=1",
      "--filter=blob:none",
      "origin",
      `+refs/heads/${branch}:${TIP_REF}`,
    ]);
    return (await git.run(["rev-parse", TIP_REF])).trim();
  }

  /** Path → blob id of every file in a commit's tree (trees only: no blob is fetched). */
  async function listTree(commit: string): Promise<Map<string, string>> {
    const out = await git.run(["ls-tree", "-r", "-z", "--full-tree", commit]);
    const files = new Map<string, string>();
    for (const line of out.split("\0")) {
      const tab = line.indexOf("\t");
      if (tab === -1) continue;
      const [, type, oid] = line.slice(0, tab).split(" ");
      if (type === "blob" && oid) files.set(line.slice(tab + 1), oid);
    }
    return files;
  }

  /** Bring these blobs over in one request (a partial clone's lazy fetch, done in bulk). */
  async function fetchBlobs(oids: readonly string[]): Promise<void> {
    if (oids.length === 0) return;
    // Only objects present here are listed (a partial clone's missing blobs are not fetched by it).
    const present = new Set(
      (await git.run(["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"])).split(
        "\n",
      ),
    );
    const missing = [...new Set(oids)].filter((oid) => !present.has(oid));
    if (missing.length === 0) return;
    await git.run(
      [
        "-c",
        "fetch.negotiationAlgorithm=noop",
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--recurse-submodules=no",
        "--filter=blob:none",
        "--stdin",
        "origin",
      ],
      { input: missing.join("\n") + "\n" },
    );
  }

  /** Blob contents by id, through one `cat-file --batch`. */
  async function readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const out = await git.runBytes(["cat-file", "--batch"], { input: oids.join("\n") + "\n" });
    const blobs = new Map<string, Buffer>();
    let at = 0;
    while (at < out.length) {
      const eol = out.indexOf(0x0a, at);
      if (eol === -1) break;
      const [oid, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
      at = eol + 1;
      if (type === "missing" || size === undefined || oid === undefined) continue;
      const length = Number(size);
      blobs.set(oid, out.subarray(at, at + length));
      at += length + 1;
    }
    return blobs;
  }

  /** The entries among `hashes` held at `commit`, records read and checked. */
  async function entriesAt(
    commit: string,
    hashes: readonly string[],
  ): Promise<Map<string, StoreHit>> {
    const tree = await listTree(commit);
    const wanted = new Map<string, string>();
    for (const hash of new Set(hashes)) {
      const oid = tree.get(entryRecordPath(hash));
      if (oid) wanted.set(hash, oid);
    }
    await fetchBlobs([...wanted.values()]);
    const blobs = await readBlobs([...wanted.values()]);
    const hits = new Map<string, StoreHit>();
    for (const [hash, oid] of wanted) {
      const record = parseStoreRecord(blobs.get(oid)?.toString("utf8") ?? "");
      const path = record ? entryBytesPath(record) : undefined;
      const bytes = path ? tree.get(path) : undefined;
      if (!record || record.hash !== hash || !path || !bytes) {
        warn(`store entry ${hash.slice(0, 12)} ignored: its record is unreadable or has no bytes`);
        continue;
      }
      bytesBlobs.set(hash, bytes);
      hits.set(hash, { record, location: { commit, path } });
    }
    return hits;
  }

  async function lookup(hashes: readonly string[]): Promise<Map<string, StoreHit>> {
    if (hashes.length === 0) return new Map();
    const tip = await fetchTip();
    return tip === undefined ? new Map() : entriesAt(tip, hashes);
  }

  async function fetch(hit: StoreHit, dest: string): Promise<boolean> {
    const reject = async (why: string): Promise<false> => {
      await unlink(dest).catch(() => {});
      warn(`store entry ${hit.record.hash.slice(0, 12)} refused: ${why}; rendering instead`);
      return false;
    };
    const oid = bytesBlobs.get(hit.record.hash);
    if (!oid) return reject("its bytes are not in the store");
    try {
      await fetchBlobs([oid]);
      await git.toFile(["cat-file", "blob", oid], dest);
    } catch (error) {
      return reject(`could not read its bytes (${(error as Error).message})`);
    }
    const verdict = await verifyStoredBytes(dest, hit.record);
    return verdict.ok ? true : reject(verdict.why);
  }

  async function write(entries: readonly StoreWrite[]): Promise<Map<string, StoreHit>> {
    const byHash = new Map(entries.map((e) => [e.record.hash, e]));
    if (byHash.size === 0) return new Map();
    for (let attempt = 1; ; attempt++) {
      const parent = await fetchTip();
      const held = parent ? await entriesAt(parent, [...byHash.keys()]) : new Map();
      const missing = [...byHash.values()].filter((e) => !held.has(e.record.hash));
      if (missing.length === 0) return held;
      const commit = await commitEntries(parent, missing);
      try {
        await git.run(["push", "--quiet", "--no-thin", "origin", `${commit}:refs/heads/${branch}`]);
      } catch (error) {
        if (!(error instanceof GitError) || !isRaceLost(error.stderr)) throw error;
        if (attempt >= MAX_PUSH_TRIES) {
          throw new StoreWriteError(
            `${options.label}: the branch moved under ${MAX_PUSH_TRIES} pushes in a row; try again`,
          );
        }
        // Other writers just pushed: wait a little, more each time, so they do not collide again.
        await sleep(Math.round((100 + random() * 400) * attempt));
        continue;
      }
      const written = new Map<string, StoreHit>();
      for (const e of byHash.values())
        written.set(e.record.hash, {
          record: held.get(e.record.hash)?.record ?? e.record,
          location: { commit, path: entryBytesPath(e.record) },
        });
      return written;
    }
  }

  /** A commit on `parent` (none: the orphan branch's first) adding these entries. */
  async function commitEntries(
    parent: string | undefined,
    entries: readonly StoreWrite[],
  ): Promise<string> {
    const scratch = await mkdtemp(join(options.gitDir, "write-"));
    try {
      const index = join(scratch, "index");
      const env = { GIT_INDEX_FILE: index };
      if (parent) await git.run(["read-tree", parent], { env });
      const files: string[] = [];
      const paths: string[] = [];
      for (const [i, e] of entries.entries()) {
        const recordFile = join(scratch, `${i}.json`);
        await writeFile(recordFile, serializeStoreRecord(e.record));
        files.push(e.file, recordFile);
        paths.push(entryBytesPath(e.record), entryRecordPath(e.record.hash));
      }
      const oids = (
        await git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
          input: files.join("\n") + "\n",
        })
      )
        .trim()
        .split("\n");
      const info = paths.map((path, i) => `100644 blob ${oids[i]}\t${path}`).join("\n") + "\n";
      await git.run(["update-index", "--add", "--index-info"], { input: info, env });
      // Blobs of entries already in the store stay on the server: the index only names them.
      const tree = (await git.run(["write-tree", "--missing-ok"], { env })).trim();
      const when = `${Math.floor(now() / 1000)} +0000`;
      const { name, email } = options.author;
      const message = `store: ${entries.length} entr${entries.length === 1 ? "y" : "ies"}\n`;
      return (
        await git.run(["commit-tree", tree, ...(parent ? ["-p", parent] : [])], {
          input: message,
          env: {
            GIT_AUTHOR_NAME: name,
            GIT_AUTHOR_EMAIL: email,
            GIT_AUTHOR_DATE: when,
            GIT_COMMITTER_NAME: name,
            GIT_COMMITTER_EMAIL: email,
            GIT_COMMITTER_DATE: when,
          },
        })
      ).trim();
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  return { label: options.label, lookup, fetch, write };
}

/** A push refused because the branch moved (or appeared) since the fetch. */
function isRaceLost(stderr: string): boolean {
  return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(
    stderr,
  );
}
