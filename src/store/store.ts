/**
 * The store: the shared, durable tier of the content-addressed cache. A run looks in the local
 * cache, then the store, then asks the API, and every render it pays for is written back, so that
 * another branch, machine or day restores the same bytes instead of paying again.
 *
 * One interface, several backends (`git`: an orphan branch in `origin`; `s3://BUCKET/PREFIX`).
 * The pipeline knows only this interface; backends know nothing of manifests or the lockfile.
 */
import type { AssetType } from "../manifest/types.js";

/** What the store keeps beside an entry's bytes. It holds no secret and no result URL. */
export interface StoreRecord {
  /** The asset hash: the entry's key. */
  hash: string;
  /** SHA-256 (hex) and size of the bytes. */
  sha256: string;
  size: number;
  type: AssetType;
  /** The bytes' format, as the output's extension without the dot (`png`, `mp4`, `wav`). */
  extension: string;
  model: string;
  /** The generation that produced the bytes; a restore records it in the lock. */
  generation: string;
  /** When the bytes were rendered (ISO 8601). */
  created: string;
  /** The review preview kept beside the bytes, when one was made (see preview.ts). */
  preview?: StorePreview;
  /** A video's or audio file's length in seconds. */
  durationSeconds?: number;
}

/** A small WebP for reviewers, beside the entry's bytes at `entryPreviewPath`. */
export interface StorePreview {
  format: "webp";
  sha256: string;
  size: number;
  width: number;
  height: number;
}

/** Where an entry sits in a backend that can show it to a browser (the git backend). */
export interface StoreLocation {
  /** The store-branch commit that holds the entry. */
  commit: string;
  /** The entry's bytes' path inside that commit. */
  path: string;
  /**
   * The entry's preview in that commit, only once it can be shown: this run wrote it, or its
   * bytes were read back and checked (`Store.previews`).
   */
  preview?: { path: string; width: number; height: number; size: number };
}

export interface StoreHit {
  record: StoreRecord;
  location?: StoreLocation;
}

export interface FetchItem {
  hit: StoreHit;
  /** A new file the caller renames into place once settled as good. */
  dest: string;
}

export interface StoreWrite {
  record: StoreRecord;
  /** A file holding the bytes, already verified against the record. */
  file: string;
  /** The preview `record.preview` describes, written beside the bytes. */
  preview?: Buffer;
}

/**
 * A review preview for an entry the store holds without one (written before previews existed),
 * made from bytes that are the entry's own: `record` is the entry's record as looked up, and its
 * `preview` (and `durationSeconds`) describe the new bytes.
 */
export interface PreviewAddition {
  record: StoreRecord & { preview: StorePreview };
  preview: Buffer;
}

/**
 * Which store refused a write, so that the words for the reader name the right fix: `git`, a push
 * refused (the job's token or a rule on the branch); `s3`, a PUT refused (the credentials'
 * s3:PutObject on the bucket and prefix).
 */
export type StoreRefuser = "git" | "s3";

/**
 * The store's server refused this run's write outright (a token that may only read, a rule on
 * the branch, S3 credentials without s3:PutObject): unlike a failed or raced write, doing it again
 * as it is cannot help, so the caller says what to change rather than "re-run". The message is the
 * tool's words plus the server's, already neutralised.
 */
export class StoreRefusedError extends Error {
  override readonly name = "StoreRefusedError";
  constructor(
    message: string,
    readonly by: StoreRefuser,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface Store {
  /** For messages: which store this is (`git branch agentframer-store of origin`, `s3://b/p`). No credentials. */
  readonly label: string;
  /**
   * Whether a hit's `location` is something a browser can open (git: a commit and a path in
   * `origin`; S3: no location at all). Only such a store is asked for the renders a run replaces,
   * for the report's "Before" (see render/before-previews.ts): elsewhere none of them could be
   * shown, and each found would still cost the lookup a record read.
   */
  readonly showsEntries: boolean;
  /**
   * The entries the store holds among `hashes`, by hash, without their bytes. A record that does
   * not parse is left out (with a warning). Hashes not held are simply absent from the map.
   */
  lookup(hashes: readonly string[]): Promise<Map<string, StoreHit>>;
  /**
   * Write the entry's bytes to `dest` (a new file the caller renames into place) and check them
   * against the record with `verifyStoredBytes`. False, with a warning, when the bytes are missing
   * or do not match: the caller then renders instead, and `dest` is removed.
   */
  fetch(hit: StoreHit, dest: string): Promise<boolean>;
  /**
   * `fetch` for many entries at once, in batches (one request for all the bytes where the backend
   * allows, a bounded pool of requests where it does not). Each entry's size is checked against
   * its record before its bytes are read, and no more than the record's size is ever written.
   * `settle` is called once per item as soon as it is done (true: `dest` holds verified bytes);
   * one bad entry never stops the others.
   */
  fetchMany(
    items: readonly FetchItem[],
    settle: (item: FetchItem, ok: boolean) => Promise<void>,
    /** Requests at once, for a backend that asks entry by entry (S3); git needs one. */
    concurrency?: number,
  ): Promise<void>;
  /**
   * Add entries; an entry whose hash the store already holds is kept as it is. Concurrent writers
   * must not lose each other's entries. Returns where each written or already-held entry now is.
   *
   * `additions`, in the same write: a preview goes beside an entry that is still held without one
   * and whose record still names the bytes the preview was made from (SHA-256, size, format); its
   * record gains the preview's description. Returned, by hash, with the preview's location. A
   * backend that cannot show previews (S3) ignores them.
   *
   * Throws StoreRefusedError when the server refuses the write itself (not a race, not a fault).
   */
  write(
    entries: readonly StoreWrite[],
    additions?: readonly PreviewAddition[],
  ): Promise<Map<string, StoreHit>>;
  /**
   * For hits from `lookup` whose record names a preview, read the preview's bytes (bounded) and
   * check them (`checkPreviewBytes`); returns, by hash, the hit's location with the preview for
   * each that passed. A backend that cannot show an entry to a browser returns none.
   */
  previews(hits: readonly StoreHit[]): Promise<Map<string, StoreLocation>>;
}
