/**
 * The S3 store's record index: each write also leaves one object under `index/` listing the
 * records it wrote, one per line. A lookup of many entries lists `index/`, reads the few index
 * objects, and then needs no request per entry they name: a fan-in of 50,000 entries written by a
 * matrix of 4 shards reads 4 index objects instead of 50,000 records. An entry no index names
 * (written before the index existed, or by a writer that died before writing its index) is read
 * from its record as before. An index is store content like a record: every line is checked as
 * a record is, and a hash two lines describe differently is read from its record instead.
 */
import { RECORD_BOUND } from "../layout.js";
import type { StoreRecord } from "../store.js";
import { parseStoreRecord, serializeStoreRecord } from "../verify.js";

/** Where index objects live, under the store's prefix. */
export const INDEX_FOLDER = "index/";
/** The most an index object may be: some 180,000 records. A larger one is not read. */
export const INDEX_BOUND = 64 * 1024 * 1024;

/** A new index object's key: when, and a random part so that concurrent writers never collide. */
export function newIndexKey(now: Date, random: () => number): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  const tail = Math.floor(random() * 2 ** 48)
    .toString(16)
    .padStart(12, "0");
  return `${INDEX_FOLDER}${stamp}-${tail}.jsonl`;
}

export function isIndexKey(key: string): boolean {
  return key.startsWith(INDEX_FOLDER) && key.endsWith(".jsonl");
}

export function serializeIndex(records: readonly StoreRecord[]): Buffer {
  return Buffer.from(records.map(serializeStoreRecord).join(""), "utf8");
}

/**
 * Add the index's records to `into`, by hash. Lines that are not records are skipped; a hash
 * described two ways is marked `null` (ask its record).
 */
export function addIndex(text: string, into: Map<string, StoreRecord | null>): void {
  for (const line of text.split("\n")) {
    if (line.length === 0 || line.length > RECORD_BOUND) continue;
    const record = parseStoreRecord(line);
    if (record === undefined) continue;
    const known = into.get(record.hash);
    if (known === undefined) into.set(record.hash, record);
    else if (known !== null && serializeStoreRecord(known) !== serializeStoreRecord(record))
      into.set(record.hash, null);
  }
}
