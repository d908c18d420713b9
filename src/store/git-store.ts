/**
 * The `git` store: an orphan branch in the repository's own `origin`, read and written through a
 * private bare repository under `.agentframer/` (the user's `.git` is never touched).
 *
 * Reading (git-reader.ts) fetches the tip of exactly `refs/heads/<branch>` with its trees only
 * (`--depth=1 --filter=blob:none`), lists its tree once, then fetches just the blobs a run needs,
 * by id and in one request, and checks each one's size before reading it. Writing builds the next commit with plumbing (hash-object, a
 * temporary index, commit-tree on the fetched tip) and pushes it without force; a writer that
 * lost the race fetches the new tip and applies its entries again, so concurrent writers never
 * lose each other's entries. A server that refuses filters still works: git then sends the tip's
 * blobs too, and the run is only slower.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreGit } from "./store-git.js";
import { GitError } from "../git/runner.js";
import { isRefusedPush } from "../git/push-refusal.js";
import { pushToBranch } from "../git/refs.js";
import { BytesCheck } from "../net/verify-bytes.js";
import type { BlobTarget } from "./git-batch.js";
import { createGitReader } from "./git-reader.js";
import { entryBytesPath, entryPreviewPath, entryRecordPath, RECORD_BOUND } from "./layout.js";
import { checkPreviewBytes, MAX_PREVIEW_BYTES } from "./preview.js";
import type {
  FetchItem,
  PreviewAddition,
  Store,
  StoreHit,
  StoreLocation,
  StorePreview,
  StoreRecord,
  StoreWrite,
} from "./store.js";
import { StoreRefusedError } from "./store.js";
import { parseStoreRecord, serializeStoreRecord } from "./verify.js";
import { prepareStoreRepo } from "./store-repo.js";

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
  /** Blob ids of entries' previews, by hash, where the record names one and the tree holds it. */
  const previewBlobs = new Map<string, string>();
  let ready: Promise<void> | undefined;

  const init = (): Promise<void> =>
    (ready ??= prepareStoreRepo(git, options.gitDir, options.originUrl));

  const reader = createGitReader(git, branch, init);

  /** The entries among `hashes` held at `commit`, records sized, then read and checked. */
  async function entriesAt(
    commit: string,
    hashes: readonly string[],
  ): Promise<Map<string, StoreHit>> {
    const tree = await reader.listTree(commit);
    const wanted = new Map<string, string>();
    for (const hash of new Set(hashes)) {
      const oid = tree.get(entryRecordPath(hash));
      if (oid) wanted.set(hash, oid);
    }
    const sizes = await reader.sizesOf([...wanted.values()]);
    const ignore = (hash: string, why: string) =>
      warn(`store entry ${hash.slice(0, 12)} ignored: ${why}`);
    for (const [hash, oid] of wanted) {
      const size = sizes.get(oid);
      if (size !== undefined && size <= RECORD_BOUND) continue;
      ignore(
        hash,
        size === undefined
          ? "its record is not in the store"
          : `its record is ${size} bytes, more than a record may be (${RECORD_BOUND})`,
      );
      wanted.delete(hash);
    }
    const blobs = await reader.readSmall([...wanted.values()]);
    const hits = new Map<string, StoreHit>();
    for (const [hash, oid] of wanted) {
      const record = parseStoreRecord(blobs.get(oid)?.toString("utf8") ?? "");
      const path = record ? entryBytesPath(record) : undefined;
      const bytes = path ? tree.get(path) : undefined;
      if (!record || record.hash !== hash || !path || !bytes) {
        ignore(hash, "its record is unreadable or has no bytes");
        continue;
      }
      bytesBlobs.set(hash, bytes);
      const preview = tree.get(entryPreviewPath(hash));
      if (record.preview && preview) previewBlobs.set(hash, preview);
      hits.set(hash, { record: withoutPreviewUnless(record, preview), location: { commit, path } });
    }
    return hits;
  }

  async function lookup(hashes: readonly string[]): Promise<Map<string, StoreHit>> {
    if (hashes.length === 0) return new Map();
    const tip = await reader.fetchTip();
    return tip === undefined ? new Map() : entriesAt(tip, hashes);
  }

  async function fetchMany(
    items: readonly FetchItem[],
    settle: (item: FetchItem, ok: boolean) => Promise<void>,
  ): Promise<void> {
    const refuse = async (item: FetchItem, why: string): Promise<void> => {
      warn(`store entry ${item.hit.record.hash.slice(0, 12)} refused: ${why}`);
      await settle(item, false);
    };
    const oidOf = (item: FetchItem) => bytesBlobs.get(item.hit.record.hash);
    let sizes: Map<string, number>;
    try {
      sizes = await reader.sizesOf(items.map(oidOf).filter((oid): oid is string => !!oid));
    } catch (error) {
      for (const item of items)
        await refuse(item, `could not read its bytes (${(error as Error).message})`);
      return;
    }
    const targets: BlobTarget[] = [];
    const itemOf = new Map<BlobTarget, FetchItem>();
    for (const item of items) {
      const oid = oidOf(item);
      const size = oid === undefined ? undefined : sizes.get(oid);
      const { record } = item.hit;
      if (oid === undefined || size === undefined)
        await refuse(item, "its bytes are not in the store");
      else if (size !== record.size)
        await refuse(item, `its bytes are ${size} bytes where the record says ${record.size}`);
      else {
        const target = { oid, dest: item.dest, check: new BytesCheck(record) };
        targets.push(target);
        itemOf.set(target, item);
      }
    }
    const unsettled = new Set(targets);
    try {
      await reader.writeBlobs(targets, async (target, verdict) => {
        unsettled.delete(target);
        const item = itemOf.get(target) as FetchItem;
        if (verdict.ok) await settle(item, true);
        else await refuse(item, verdict.why);
      });
    } catch (error) {
      for (const target of unsettled)
        await refuse(
          itemOf.get(target) as FetchItem,
          `could not read its bytes (${(error as Error).message})`,
        );
    }
  }

  async function fetch(hit: StoreHit, dest: string): Promise<boolean> {
    let kept = false;
    await fetchMany([{ hit, dest }], async (_, ok) => {
      kept = ok;
    });
    return kept;
  }

  async function write(
    entries: readonly StoreWrite[],
    additions: readonly PreviewAddition[] = [],
  ): Promise<Map<string, StoreHit>> {
    const byHash = new Map(entries.map((e) => [e.record.hash, e]));
    const adding = new Map(additions.map((a) => [a.record.hash, a]));
    if (byHash.size === 0 && adding.size === 0) return new Map();
    for (let attempt = 1; ; attempt++) {
      const parent = await reader.fetchTip();
      const held = parent
        ? await entriesAt(parent, [...byHash.keys(), ...adding.keys()])
        : new Map<string, StoreHit>();
      const missing = [...byHash.values()].filter((e) => !held.has(e.record.hash));
      const previewed = previewsToAdd(adding, held);
      if (missing.length === 0 && previewed.length === 0) return heldOf(byHash, held);
      const commit = await commitFiles(parent, [
        ...missing.flatMap(entryFiles),
        ...previewed.flatMap(({ record, preview }) => [
          { path: entryRecordPath(record.hash), bytes: serializeStoreRecord(record) },
          { path: entryPreviewPath(record.hash), bytes: preview },
        ]),
      ]);
      try {
        await pushToBranch((args) => git.run(args), {
          remote: "origin",
          commit,
          branch,
          options: ["--quiet", "--no-thin"],
        });
      } catch (error) {
        if (error instanceof GitError && isRefusedPush(error)) {
          // A read-only token or a rule on the branch: the next try would be refused the same.
          throw new StoreRefusedError(
            "the remote refused the push (a token that may only read, or a rule on the " +
              `branch): ${error.message}`,
            "git",
            { cause: error },
          );
        }
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
      for (const e of byHash.values()) {
        const heldHit = held.get(e.record.hash);
        const location: StoreLocation = { commit, path: entryBytesPath(e.record) };
        // Our own preview, just written: it can be shown. One the store held already cannot yet.
        if (!heldHit && e.preview && e.record.preview) {
          location.preview = previewLocation(e.record.hash, e.record.preview);
        }
        written.set(e.record.hash, { record: heldHit?.record ?? e.record, location });
      }
      for (const { record } of previewed) {
        written.set(record.hash, {
          record,
          location: {
            commit,
            path: entryBytesPath(record),
            preview: previewLocation(record.hash, record.preview),
          },
        });
      }
      return written;
    }
  }

  /** A commit on `parent` (none: the orphan branch's first) adding or replacing these files. */
  async function commitFiles(
    parent: string | undefined,
    files: readonly TreeFile[],
  ): Promise<string> {
    const scratch = await mkdtemp(join(options.gitDir, "write-"));
    try {
      const index = join(scratch, "index");
      const env = { GIT_INDEX_FILE: index };
      if (parent) await git.run(["read-tree", parent], { env });
      const sources: string[] = [];
      for (const [i, f] of files.entries()) {
        if (f.file !== undefined) sources.push(f.file);
        else {
          const scratchFile = join(scratch, String(i));
          await writeFile(scratchFile, f.bytes);
          sources.push(scratchFile);
        }
      }
      const oids = (
        await git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
          input: sources.join("\n") + "\n",
        })
      )
        .trim()
        .split("\n");
      const info = files.map((f, i) => `100644 blob ${oids[i]}\t${f.path}`).join("\n") + "\n";
      await git.run(["update-index", "--add", "--index-info"], { input: info, env });
      // Blobs of entries already in the store stay on the server: the index only names them.
      const tree = (await git.run(["write-tree", "--missing-ok"], { env })).trim();
      const when = `${Math.floor(now() / 1000)} +0000`;
      const { name, email } = options.author;
      const records = files.filter((f) => f.path.endsWith(".json")).length;
      const message = `store: ${records} entr${records === 1 ? "y" : "ies"}\n`;
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

  async function previews(hits: readonly StoreHit[]): Promise<Map<string, StoreLocation>> {
    const wanted = hits.filter(
      (h): h is StoreHit & { location: StoreLocation; record: { preview: StorePreview } } =>
        h.location !== undefined &&
        h.record.preview !== undefined &&
        previewBlobs.has(h.record.hash),
    );
    const shown = new Map<string, StoreLocation>();
    if (wanted.length === 0) return shown;
    const oidOf = (hash: string) => previewBlobs.get(hash) as string;
    try {
      // Sizes first (fetching what is not here in one request): a blob larger than any preview
      // is never read into memory.
      const sizes = await reader.sizesOf(wanted.map((h) => oidOf(h.record.hash)));
      const small = wanted
        .map((h) => oidOf(h.record.hash))
        .filter((oid) => (sizes.get(oid) ?? Infinity) <= MAX_PREVIEW_BYTES);
      const blobs = await reader.readSmall(small);
      for (const { record, location } of wanted) {
        const bytes = blobs.get(oidOf(record.hash));
        const why = bytes ? checkPreviewBytes(bytes, record.preview) : "its preview is too large";
        if (why !== undefined) {
          warn(`store entry ${record.hash.slice(0, 12)}: ${why}; no preview shown`);
          continue;
        }
        shown.set(record.hash, {
          ...location,
          preview: previewLocation(record.hash, record.preview),
        });
      }
    } catch (error) {
      warn(`could not read previews from ${options.label}: ${(error as Error).message}`);
    }
    return shown;
  }

  return { label: options.label, showsEntries: true, lookup, fetch, fetchMany, write, previews };
}

/** A file of the next commit: one on disk (an entry's bytes) or bytes in memory. */
type TreeFile = { path: string } & (
  { file: string; bytes?: never } | { file?: never; bytes: Buffer | string }
);

/** An entry's files: its bytes, its record, and its preview when it has one. */
function entryFiles(e: StoreWrite): TreeFile[] {
  return [
    { path: entryBytesPath(e.record), file: e.file },
    { path: entryRecordPath(e.record.hash), bytes: serializeStoreRecord(e.record) },
    ...(e.preview && e.record.preview
      ? [{ path: entryPreviewPath(e.record.hash), bytes: e.preview }]
      : []),
  ];
}

/**
 * The additions whose entry the tip holds still without a preview and still describing the
 * bytes the preview was made from; each with the record to write: the held one, plus the
 * preview's description (and a length it did not have).
 */
function previewsToAdd(
  adding: ReadonlyMap<string, PreviewAddition>,
  held: ReadonlyMap<string, StoreHit>,
): PreviewAddition[] {
  const out: PreviewAddition[] = [];
  for (const [hash, addition] of adding) {
    const found = held.get(hash)?.record;
    const made = addition.record;
    if (!found || found.preview) continue;
    if (found.sha256 !== made.sha256 || found.size !== made.size) continue;
    if (found.type !== made.type || found.extension !== made.extension) continue;
    const durationSeconds = found.durationSeconds ?? made.durationSeconds;
    out.push({
      record: {
        ...found,
        preview: made.preview,
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      },
      preview: addition.preview,
    });
  }
  return out;
}

/** What the store holds for the entries asked to be written, all held already. */
function heldOf(
  byHash: ReadonlyMap<string, StoreWrite>,
  held: ReadonlyMap<string, StoreHit>,
): Map<string, StoreHit> {
  const out = new Map<string, StoreHit>();
  for (const hash of byHash.keys()) {
    const hit = held.get(hash);
    if (hit) out.set(hash, hit);
  }
  return out;
}

function previewLocation(hash: string, preview: StorePreview): StoreLocation["preview"] {
  const { width, height, size } = preview;
  return { path: entryPreviewPath(hash), width, height, size };
}

/** The record as found, less its preview when the tree does not hold the preview's bytes. */
function withoutPreviewUnless(record: StoreRecord, previewBlob: string | undefined): StoreRecord {
  if (!record.preview || previewBlob) return record;
  const { preview: _missing, ...rest } = record;
  return rest;
}

/** A push refused because the branch moved (or appeared) since the fetch. */
function isRaceLost(stderr: string): boolean {
  return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(
    stderr,
  );
}
