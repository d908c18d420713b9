import type { StoreRecord } from "./store.js";

/**
 * Where an entry lives inside any backend, relative to its root (the store branch's tree, or the
 * S3 prefix): `<first2>/<hash>.<extension>` for the bytes and `<first2>/<hash>.json` for the
 * record, and `<first2>/<hash>.preview.webp` for its review preview when it has one. The path names the hash and the type's extension, so a person browsing the branch or
 * the bucket can open the picture.
 */
export function entryBytesPath(record: Pick<StoreRecord, "hash" | "extension">): string {
  return `${record.hash.slice(0, 2)}/${record.hash}.${record.extension}`;
}

export function entryRecordPath(hash: string): string {
  return `${hash.slice(0, 2)}/${hash}.json`;
}

export function entryPreviewPath(hash: string): string {
  return `${hash.slice(0, 2)}/${hash}.preview.webp`;
}

/**
 * The most a record may be: one line of about 350 bytes (layout of `serializeStoreRecord`), with
 * room to spare. A larger one is refused from its size alone, before a byte of it is read.
 */
export const RECORD_BOUND = 4096;
