/**
 * The S3-compatible store (`s3://BUCKET/PREFIX`: AWS S3, Cloudflare R2, MinIO, GCS through its
 * interoperability endpoint), for sets too big for git. An entry is two objects under the prefix,
 * laid out as layout.ts says: the bytes, then the record. Keys are content-addressed, so
 * concurrent writers write the same thing; the bytes go first, so a record never names bytes
 * that are not there yet; both are sent with `If-None-Match: *`, so where the server supports
 * conditional writes the first writer wins and a later one keeps what is there.
 */
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { discardBody, readCapped } from "../net/http.js";
import { S3Client, type S3Body, type S3ClientDeps } from "./s3/client.js";
import { s3ConfigFromEnv } from "./s3/config.js";
import { entryBytesPath, entryRecordPath } from "./layout.js";
import type { Store, StoreHit, StoreWrite } from "./store.js";
import { parseStoreRecord, serializeStoreRecord, verifyStoredBytes } from "./verify.js";

/** Requests in flight at once for a lookup or a write. */
const CONCURRENCY = 16;
/** A record is a few hundred bytes; anything much larger is not one. */
const RECORD_CAP = 64 * 1024;

export interface S3StoreDeps extends S3ClientDeps {
  env: NodeJS.ProcessEnv;
  warn(message: string): void;
}

async function eachConcurrently<T>(
  items: readonly T[],
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

export class S3Store implements Store {
  readonly label: string;

  constructor(
    private readonly client: S3Client,
    private readonly warn: (message: string) => void,
  ) {
    this.label = client.label;
  }

  async lookup(hashes: readonly string[]): Promise<Map<string, StoreHit>> {
    const hits = new Map<string, StoreHit>();
    await eachConcurrently([...new Set(hashes)], async (hash) => {
      const hit = await this.readRecord(hash);
      if (hit !== undefined) hits.set(hash, hit);
    });
    return hits;
  }

  private async readRecord(hash: string): Promise<StoreHit | undefined> {
    const key = entryRecordPath(hash);
    const response = await this.client.send("GET", key);
    if (response.status === 404) {
      discardBody(response.body);
      return undefined;
    }
    if (response.status !== 200) throw await this.client.failure("GET", key, response);
    const text = await readCapped(response.body, response.headers, RECORD_CAP);
    const record = text === undefined ? undefined : parseStoreRecord(text);
    if (record === undefined || record.hash !== hash) {
      this.warn(`${this.label}: ignoring ${key}: not a valid store record`);
      return undefined;
    }
    return { record };
  }

  async fetch(hit: StoreHit, dest: string): Promise<boolean> {
    const key = entryBytesPath(hit.record);
    const response = await this.client.send("GET", key);
    if (response.status !== 200) {
      if (response.status !== 404) throw await this.client.failure("GET", key, response);
      discardBody(response.body);
      this.warn(`${this.label}: ${key} is missing though its record is there; rendering instead`);
      return false;
    }
    try {
      await pipeline(response.body, createWriteStream(dest, { flags: "wx" }));
      const verdict = await verifyStoredBytes(dest, hit.record);
      if (verdict.ok) return true;
      this.warn(`${this.label}: ignoring ${key}: ${verdict.why}`);
    } catch (error) {
      await rm(dest, { force: true });
      throw error;
    }
    await rm(dest, { force: true });
    return false;
  }

  async write(entries: readonly StoreWrite[]): Promise<Map<string, StoreHit>> {
    const written = new Map<string, StoreHit>();
    await eachConcurrently(entries, async ({ record, file }) => {
      const held = await this.readRecord(record.hash);
      if (held !== undefined) {
        written.set(record.hash, held);
        return;
      }
      const bytesKey = entryBytesPath(record);
      const bytes = await this.put(bytesKey, { file, size: record.size, sha256: record.sha256 });
      if (bytes === "held") {
        // Another writer's bytes are there: its record (not ours) is the one that matches them.
        const theirs = await this.readRecord(record.hash);
        if (theirs !== undefined) written.set(record.hash, theirs);
        return;
      }
      const recordKey = entryRecordPath(record.hash);
      const body = Buffer.from(serializeStoreRecord(record), "utf8");
      if ((await this.put(recordKey, { bytes: body })) === "held") {
        const theirs = await this.readRecord(record.hash);
        if (theirs !== undefined) written.set(record.hash, theirs);
        return;
      }
      written.set(record.hash, { record });
    });
    return written;
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
    throw await this.client.failure("PUT", key, response);
  }
}

/** The store for `s3://BUCKET/PREFIX`, configured from the AWS environment variables. */
export function openS3Store(
  target: { bucket: string; prefix: string },
  deps: S3StoreDeps,
): S3Store {
  const { env, warn, ...clientDeps } = deps;
  return new S3Store(new S3Client(s3ConfigFromEnv(target, env), clientDeps), warn);
}
