import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { LockEntry } from "./lock-types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { journalDirFor } from "./paths.js";
import { parseJsonObject } from "../util/json-object.js";

/**
 * The write-ahead journal (`.agentframer/journal/`): one small file per asset in flight, so a run
 * that is killed at any point can be started again without paying for a job twice.
 *
 * - `submitting` is written (atomically, fsynced) BEFORE the POST: if the run dies before the
 *   answer arrives, the next run repeats the POST with the same key and the server hands back the
 *   job it already created.
 * - `submitted` adds the generation id once the POST answers: the next run polls it directly.
 * - `completed` carries the finished lock entry once the output and the cache entry are on disk.
 *   It is what makes each asset durable at once while the lockfile itself is rewritten only now
 *   and then (see lock-updater.ts); the record is removed after a lockfile holding it is written.
 *   Under --force it is kept (`forced`) until the whole forced run ends, so that a forced run
 *   started again after a crash does not render a second time what it already rendered.
 *
 * The record names no secret: the idempotency key is derived from the asset hash (plus a random
 * nonce under --force), never from the API key.
 */
export type JournalRecord =
  | { state: "submitting"; id: string; hash: string; key: string; at: string }
  | { state: "submitted"; id: string; hash: string; key: string; generation: string; at: string }
  | {
      state: "completed";
      id: string;
      hash: string;
      entry: LockEntry;
      at: string;
      forced?: boolean;
    };

export type InFlightRecord = Extract<JournalRecord, { state: "submitting" | "submitted" }>;

export interface Journal {
  readonly dir: string;
  /** Every readable record; unreadable files (a crash cannot make one, a person can) are skipped. */
  readAll(): Promise<JournalRecord[]>;
  submitting(id: string, hash: string, key: string): Promise<void>;
  /**
   * `durable: false` skips the fsync when losing the record to a power cut costs nothing: the
   * `submitting` record (or none) is left, and the next run's POST with a key derived from the
   * hash gets the same job back. A forced run's random key is only in the record: keep it durable.
   */
  submitted(
    id: string,
    hash: string,
    key: string,
    generation: string,
    options?: { durable: boolean },
  ): Promise<void>;
  completed(id: string, hash: string, entry: LockEntry, forced?: boolean): Promise<void>;
  /** Forget an asset: its job is done and recorded elsewhere, or abandoned. */
  remove(id: string): Promise<void>;
  /** Forget many at once (unlinks in parallel, a batch at a time). */
  removeAll(ids: readonly string[]): Promise<void>;
}

/** Unlinks in flight at once when many records go: enough to keep libuv's threads busy. */
const REMOVE_BATCH = 64;

export function isInFlight(record: JournalRecord): record is InFlightRecord {
  return record.state === "submitting" || record.state === "submitted";
}

export function openJournal(manifestDir: string, now: () => number = Date.now): Journal {
  const dir = journalDirFor(manifestDir);
  // Asset ids come from the manifest and CSV rows: hash them into safe, fixed-length file names.
  const fileFor = (id: string): string =>
    join(dir, `${createHash("sha256").update(id).digest("hex").slice(0, 40)}.json`);
  let made: Promise<unknown> | undefined;
  const write = async (record: JournalRecord, durable = true): Promise<void> => {
    made ??= mkdir(dir, { recursive: true });
    await made;
    await writeFileAtomic(fileFor(record.id), `${JSON.stringify(record)}\n`, { durable });
  };
  const remove = async (id: string): Promise<void> => {
    await unlink(fileFor(id)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    });
  };
  const at = (): string => new Date(now()).toISOString();

  return {
    dir,

    async readAll() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const records: JournalRecord[] = [];
      for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
        const record = parseRecord(await readFile(join(dir, name), "utf8").catch(() => ""));
        if (record && fileFor(record.id) === join(dir, name)) records.push(record);
      }
      return records;
    },

    submitting: (id, hash, key) => write({ state: "submitting", id, hash, key, at: at() }),
    submitted: (id, hash, key, generation, { durable } = { durable: true }) =>
      write({ state: "submitted", id, hash, key, generation, at: at() }, durable),
    completed: (id, hash, entry, forced = false) =>
      write({ state: "completed", id, hash, entry, at: at(), ...(forced ? { forced } : {}) }),

    remove,

    async removeAll(ids) {
      for (let i = 0; i < ids.length; i += REMOVE_BATCH) {
        await Promise.all(ids.slice(i, i + REMOVE_BATCH).map(remove));
      }
    },
  };
}

function parseRecord(text: string): JournalRecord | undefined {
  const r = parseJsonObject(text);
  if (!r) return undefined;
  if (typeof r.id !== "string" || typeof r.hash !== "string" || typeof r.at !== "string") {
    return undefined;
  }
  const base = { id: r.id, hash: r.hash, at: r.at };
  switch (r.state) {
    case "submitting":
      return typeof r.key === "string" ? { state: "submitting", ...base, key: r.key } : undefined;
    case "submitted":
      return typeof r.key === "string" && typeof r.generation === "string"
        ? { state: "submitted", ...base, key: r.key, generation: r.generation }
        : undefined;
    case "completed":
      if (!isLockEntry(r.entry)) return undefined;
      return {
        state: "completed",
        ...base,
        entry: r.entry,
        ...(r.forced === true ? { forced: true } : {}),
      };
    default:
      return undefined;
  }
}

function isLockEntry(value: unknown): value is LockEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.hash === "string" &&
    typeof e.output === "string" &&
    typeof e.sha256 === "string" &&
    typeof e.size === "number" &&
    typeof e.generation === "string" &&
    typeof e.renderedAt === "string" &&
    typeof e.fields === "object" &&
    e.fields !== null
  );
}
