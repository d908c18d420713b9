/**
 * The S3-compatible store (`s3://BUCKET/PREFIX`: AWS S3, Cloudflare R2, MinIO, GCS through its
 * interoperability endpoint), for sets too big for git. An entry is two objects under the prefix,
 * laid out as layout.ts says: the bytes, then the record. Keys are content-addressed, so
 * concurrent writers write the same thing; the bytes go first, so a record never names bytes
 * that are not there yet; both are sent with `If-None-Match: *`, so where the server supports
 * conditional writes the first writer wins and a later one keeps what is there.
 */
import { runPool } from "../util/pool.js";
import { open, rm } from "node:fs/promises";
import { discardBody, firstHeader, readCapped } from "../net/http.js";
import { BytesCheck } from "../net/verify-bytes.js";
import { S3Client, type S3Body, type S3ClientDeps } from "./s3/client.js";
import { s3ConfigFromEnv } from "./s3/config.js";
import { listAll } from "./s3/list.js";
import {
  addIndex,
  INDEX_BOUND,
  INDEX_FOLDER,
  isIndexKey,
  newIndexKey,
  serializeIndex,
} from "./s3/record-index.js";
import { entryBytesPath, entryPreviewPath, entryRecordPath, RECORD_BOUND } from "./layout.js";
import type {
  FetchItem,
  Store,
  StoreHit,
  StoreLocation,
  StoreRecord,
  StoreWrite,
} from "./store.js";
import { parseStoreRecord, serializeStoreRecord } from "./verify.js";

/** Requests in flight at once for a lookup, a fetch of many entries, or a write. */
const CONCURRENCY = 16;
/**
 * Up to this many hashes, a lookup asks for each record (a 404 is an answer); beyond, it lists
 * the prefix once (a page per 1,000 keys) and asks only for records the listing shows, each
 * already known to be within its bound and to have bytes of the record's size beside it.
 */
const DIRECT_LOOKUP = 32;

export interface S3StoreDeps extends S3ClientDeps {
  env: NodeJS.ProcessEnv;
  warn(message: string): void;
}

/**
 * `run` for each item, `concurrency` at a time (util/pool.ts). After one fails no other is
 * started, and its error is the answer once those in flight have settled: a store that refused
 * one write (403) would refuse the next hundred the same, and nothing is left running behind the
 * caller.
 */
async function eachConcurrently<T>(
  items: readonly T[],
  run: (item: T) => Promise<void>,
  concurrency = CONCURRENCY,
): Promise<void> {
  await runPool(items, concurrency, run);
}

export class S3Store implements Store {
  readonly label: string;
  /** An object in a bucket is no page a reviewer's browser can open: hits have no location. */
  readonly showsEntries = false;
  private listingRefused = false;

  constructor(
    private readonly client: S3Client,
    private readonly warn: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.label = client.label;
  }

  async lookup(hashes: readonly string[]): Promise<Map<string, StoreHit>> {
    const unique = [...new Set(hashes)];
    const hits = new Map<string, StoreHit>();
    // Many entries: first what the writers' indexes name (a listing of index/ and a GET each),
    // then, for what they do not name, one listing of everything, then a GET per listed record.
    if (unique.length > DIRECT_LOOKUP) {
      const indexes = await this.listIfAllowed(INDEX_FOLDER);
      const indexed = indexes ? await this.readIndexes(indexes) : new Map<string, null>();
      for (const hash of unique) {
        const record = indexed.get(hash);
        if (record) hits.set(hash, { record });
      }
    }
    const rest = unique.filter((hash) => !hits.has(hash));
    const listed = rest.length > DIRECT_LOOKUP ? await this.listIfAllowed("") : undefined;
    await eachConcurrently(rest, async (hash) => {
      if (listed && !this.listedWell(hash, listed)) return;
      const hit = await this.readRecord(hash);
      if (hit === undefined) return;
      const bytesSize = listed?.get(entryBytesPath(hit.record));
      if (listed && bytesSize !== hit.record.size) {
        this.warn(
          `${this.where(entryBytesPath(hit.record))}: ${bytesSize === undefined ? "missing" : `${bytesSize} bytes`} where the record says ${hit.record.size}; ignored`,
        );
        return;
      }
      hits.set(hash, hit);
    });
    return hits;
  }

  /**
   * Every object under the prefix's `folder` ("" for all), by key relative to the prefix, with its
   * size: one paged listing. Undefined when the credentials may not list (no s3:ListBucket, which
   * the store never needed before): the lookup then reads each record, as it does for a few
   * entries, and says once how to make it cheaper.
   */
  private async listIfAllowed(folder: string): Promise<Map<string, number> | undefined> {
    if (this.listingRefused) return undefined;
    let refused = false;
    try {
      const listed = await listAll(
        (query) => this.client.send("GET", null, { query }),
        this.client.keyPrefix + folder,
        (response) => {
          refused = response.status === 403;
          return this.client.failure("GET", "(listing)", response);
        },
      );
      return folder === ""
        ? listed
        : new Map([...listed].map(([key, size]) => [folder + key, size]));
    } catch (error) {
      if (!refused) throw error;
      this.listingRefused = true;
      this.warn(
        `${this.label}: these credentials may not list the prefix (403); reading each record instead (allow s3:ListBucket on the prefix to look up many entries in a few requests)`,
      );
      return undefined;
    }
  }

  /** The records every listed index object names, by hash (`null`: described two ways). */
  private async readIndexes(listed: Map<string, number>): Promise<Map<string, StoreRecord | null>> {
    const records = new Map<string, StoreRecord | null>();
    const keys = [...listed.keys()].filter(isIndexKey).sort();
    await eachConcurrently(keys, async (key) => {
      if ((listed.get(key) ?? 0) > INDEX_BOUND) {
        this.warn(`${this.where(key)}: more than an index may be (${INDEX_BOUND}); not read`);
        return;
      }
      const response = await this.client.send("GET", key);
      if (response.status !== 200) {
        // Gone since the listing (or unreadable): its entries are read from their records.
        discardBody(response.body);
        return;
      }
      const text = await readCapped(response.body, response.headers, INDEX_BOUND);
      if (text !== undefined) addIndex(text, records);
    });
    return records;
  }

  /** Does the listing show this hash's record, within its bound? Warns when it is too large. */
  private listedWell(hash: string, listed: Map<string, number>): boolean {
    const size = listed.get(entryRecordPath(hash));
    if (size === undefined) return false;
    if (size <= RECORD_BOUND) return true;
    this.warn(
      `${this.where(entryRecordPath(hash))}: ${size} bytes, more than a record may be (${RECORD_BOUND}); not read`,
    );
    return false;
  }

  /** An object's full name in messages: `s3://bucket/prefix/key`. */
  private where(key: string): string {
    return `${this.label}/${key}`;
  }

  private async readRecord(hash: string): Promise<StoreHit | undefined> {
    const key = entryRecordPath(hash);
    const response = await this.client.send("GET", key);
    if (response.status === 404) {
      discardBody(response.body);
      return undefined;
    }
    if (response.status !== 200) throw await this.client.failure("GET", key, response);
    const text = await readCapped(response.body, response.headers, RECORD_BOUND);
    if (text === undefined) {
      this.warn(`${this.where(key)}: more than a record may be (${RECORD_BOUND}); not read`);
      return undefined;
    }
    const record = parseStoreRecord(text);
    if (record === undefined || record.hash !== hash) {
      this.warn(`${this.label}: ignoring ${key}: not a valid store record`);
      return undefined;
    }
    return { record };
  }

  async fetch(hit: StoreHit, dest: string): Promise<boolean> {
    let kept = false;
    await this.fetchMany([{ hit, dest }], async (_, ok) => {
      kept = ok;
    });
    return kept;
  }

  async fetchMany(
    items: readonly FetchItem[],
    settle: (item: FetchItem, ok: boolean) => Promise<void>,
    concurrency = CONCURRENCY,
  ): Promise<void> {
    await eachConcurrently(
      items,
      async (item) => {
        let kept = false;
        try {
          kept = await this.fetchOne(item);
        } catch (error) {
          await rm(item.dest, { force: true });
          this.warn(`${this.where(entryBytesPath(item.hit.record))}: ${(error as Error).message}`);
        }
        await settle(item, kept);
      },
      concurrency,
    );
  }

  /**
   * One entry's bytes into `dest`: refused unread when S3 announces another size than the
   * record's, cut off (and refused) as soon as more bytes come than the record says.
   */
  private async fetchOne({ hit, dest }: FetchItem): Promise<boolean> {
    const { record } = hit;
    const key = entryBytesPath(record);
    const response = await this.client.send("GET", key);
    if (response.status !== 200) {
      if (response.status !== 404) throw await this.client.failure("GET", key, response);
      discardBody(response.body);
      this.warn(`${this.where(key)} is missing though its record is there`);
      return false;
    }
    const declared = firstHeader(response.headers["content-length"]);
    if (declared !== undefined && Number(declared) !== record.size) {
      discardBody(response.body);
      this.warn(
        `${this.where(key)}: ${declared} bytes where the record says ${record.size}; not read`,
      );
      return false;
    }
    const check = new BytesCheck(record);
    const handle = await open(dest, "wx");
    let overflow = false;
    try {
      for await (const chunk of response.body) {
        if (!check.update(chunk as Buffer)) {
          overflow = true;
          break;
        }
        await handle.write(chunk as Buffer);
      }
    } finally {
      await handle.close();
      if (overflow) discardBody(response.body);
    }
    const verdict = overflow
      ? { ok: false as const, why: `more than the record's ${record.size} bytes; not kept` }
      : check.verdict();
    if (verdict.ok) return true;
    await rm(dest, { force: true });
    this.warn(`${this.where(key)}: ${verdict.why}`);
    return false;
  }

  /**
   * Previews for entries held without one are not added (no `additions`): a bucket cannot show
   * them in a comment, and a record, once written with `If-None-Match: *`, is never replaced.
   */
  async write(entries: readonly StoreWrite[]): Promise<Map<string, StoreHit>> {
    // What the store holds already, in one lookup (a listing for many entries): kept as it is.
    const written = await this.lookup(entries.map((e) => e.record.hash));
    const missing = entries.filter((e) => !written.has(e.record.hash));
    const fresh: StoreRecord[] = [];
    await eachConcurrently(missing, async ({ record, file, preview }) => {
      const bytesKey = entryBytesPath(record);
      const bytes = await this.put(bytesKey, { file, size: record.size, sha256: record.sha256 });
      if (bytes === "held") {
        // Another writer's bytes are there: its record (not ours) is the one that matches them.
        const theirs = await this.readRecord(record.hash);
        if (theirs !== undefined) written.set(record.hash, theirs);
        return;
      }
      if (preview && record.preview)
        await this.put(entryPreviewPath(record.hash), { bytes: preview });
      const recordKey = entryRecordPath(record.hash);
      const body = Buffer.from(serializeStoreRecord(record), "utf8");
      if ((await this.put(recordKey, { bytes: body })) === "held") {
        const theirs = await this.readRecord(record.hash);
        if (theirs !== undefined) written.set(record.hash, theirs);
        return;
      }
      written.set(record.hash, { record });
      fresh.push(record);
    });
    // The index last: a record it names is always there already. Best effort: without it, a
    // lookup reads those records one by one, as before.
    if (fresh.length > 0) {
      const key = newIndexKey(this.now(), Math.random);
      await this.put(key, { bytes: serializeIndex(fresh) }).catch((error: Error) =>
        this.warn(`${this.where(key)}: the index was not written (${error.message})`),
      );
    }
    return written;
  }

  /** A bucket has no address a PR comment can show, so its previews are not read back. */
  async previews(): Promise<Map<string, StoreLocation>> {
    return new Map();
  }

  /** PUT with `If-None-Match: *`: "held" when the server says the key exists already (412). */
  private async put(key: string, body: S3Body): Promise<"written" | "held"> {
    const response = await this.client.send("PUT", key, {
      body,
      headers: { "if-none-match": "*" },
    });
    if (response.status === 200 || response.status === 201 || response.status === 204) {
      discardBody(response.body);
      return "written";
    }
    if (response.status === 412 || response.status === 409) {
      discardBody(response.body);
      return "held";
    }
    if (response.status === 403) throw await this.client.refusal(key, response);
    throw await this.client.failure("PUT", key, response);
  }
}

/** The store for `s3://BUCKET/PREFIX`, configured from the AWS environment variables. */
export function openS3Store(
  target: { bucket: string; prefix: string },
  deps: S3StoreDeps,
): S3Store {
  const { env, warn, ...clientDeps } = deps;
  return new S3Store(new S3Client(s3ConfigFromEnv(target, env), clientDeps), warn, clientDeps.now);
}
