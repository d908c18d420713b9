import { createHash } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { mkdir, open, readdir, readFile, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { LockEntry } from "./lock-types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { journalLogPathFor } from "./paths.js";
import { parseJsonObject } from "../util/json-object.js";

/**
 * The write-ahead journal: one append-only log per manifest (`.agentframer/journal/<name>.jsonl`,
 * one JSON record a line), so a run that is killed at any point can be started again without
 * paying for a job twice. The latest line for an asset is its state.
 *
 * - `submitting` is appended (and synced to disk) BEFORE the POST: if the run dies before the
 *   answer arrives, the next run repeats the POST with the same key and the server hands back the
 *   job it already created.
 * - `submitted` adds the generation id once the POST answers: the next run polls it directly.
 * - `completed` carries the finished lock entry once the output and the cache entry are on disk.
 *   It is what makes each asset durable at once while the lockfile itself is rewritten only now
 *   and then (see lock-updater.ts); the record goes after a lockfile holding it is written.
 *   Under --force it is kept (`forced`) until the whole forced run ends, so that a forced run
 *   started again after a crash does not render a second time what it already rendered.
 * - `forgotten` ends an asset's records (its job failed for good, or was for an older request).
 *
 * Group commit: lines that arrive while a write is on its way go out together in the next write,
 * with one fdatasync for all that need one. At 64 jobs at once that is a sync for many records,
 * where a file per record cost a sync, four other file operations and a rename each.
 * When records go in bulk (after a lockfile write), the log is rewritten with only the live
 * records (temp file, fsync, rename), or deleted when none is left.
 *
 * A line cut short by a power cut is skipped on reading, and the next write starts a new line.
 *
 * Records of the earlier layout (one `<sha256(id)[0:40]>.json` file per asset in `journal/`,
 * shared by the folder's manifests) are still read, so a run killed before an upgrade resumes;
 * each such file is deleted once this manifest's log has superseded it.
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
  /** The folder the log is in. */
  readonly dir: string;
  /** The log itself. */
  readonly path: string;
  /** Every live record, in the order the assets were first written. Unreadable lines are skipped. */
  readAll(): Promise<JournalRecord[]>;
  submitting(id: string, hash: string, key: string): Promise<void>;
  /**
   * `durable: false` skips the sync when losing the record to a power cut costs nothing: the
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
  /** Forget many at once: the log is rewritten with what is left (or deleted if nothing is). */
  removeAll(ids: readonly string[]): Promise<void>;
  /** Finish pending writes and close the log. The journal can be used again afterwards. */
  close(): Promise<void>;
}

type Line = JournalRecord | { state: "forgotten"; id: string; at: string };

interface Pending {
  text: string;
  durable: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

export function isInFlight(record: JournalRecord): record is InFlightRecord {
  return record.state === "submitting" || record.state === "submitted";
}

/** The earlier layout's file name for an asset's record (hashed: ids come from CSV rows). */
function legacyFileName(id: string): string {
  return `${createHash("sha256").update(id).digest("hex").slice(0, 40)}.json`;
}

export function openJournal(manifestPath: string, now: () => number = Date.now): Journal {
  const path = journalLogPathFor(manifestPath);
  const dir = dirname(path);
  const at = (): string => new Date(now()).toISOString();
  /** Asset id → its latest record, as the log on disk (plus what is pending) says. */
  const live = new Map<string, JournalRecord>();
  /** Asset id → its record file in the earlier layout, deleted once the log supersedes it. */
  const legacy = new Map<string, string>();
  let loaded: Promise<void> | undefined;
  let handle: FileHandle | undefined;
  /** Set when the log may end in a partial line (a failed write, a power cut): start a new one. */
  let newlineFirst = false;
  let pending: Pending[] = [];
  let tail: Promise<unknown> = Promise.resolve();

  /** Run `task` after every task queued before it: writes, rewrites and closes never overlap. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };

  const load = async (): Promise<void> => {
    for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
      if (!/^[0-9a-f]{40}\.json$/.test(name)) continue;
      const record = parseRecord(await readFile(join(dir, name), "utf8").catch(() => ""));
      if (record && record.state !== "forgotten" && legacyFileName(record.id) === name) {
        live.set(record.id, record);
        legacy.set(record.id, join(dir, name));
      }
    }
    const text = await readFile(path, "utf8").catch(() => "");
    newlineFirst = text !== "" && !text.endsWith("\n");
    for (const line of text.split("\n")) {
      const record = line === "" ? undefined : parseRecord(line);
      if (!record) continue;
      if (record.state === "forgotten") live.delete(record.id);
      else live.set(record.id, record);
    }
  };
  const ready = (): Promise<void> => (loaded ??= load());

  const appendHandle = async (): Promise<FileHandle> => {
    if (handle) return handle;
    await mkdir(dir, { recursive: true });
    try {
      handle = await open(path, "ax", 0o644);
      // A new log: its name must survive a power cut as its lines will.
      await syncFolder(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      handle = await open(path, "a");
    }
    return handle;
  };

  /** Write every line queued so far in one write, with one sync if any of them needs it. */
  const writePending = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const file = await appendHandle();
      const text = (newlineFirst ? "\n" : "") + batch.map((p) => p.text).join("");
      newlineFirst = true;
      await file.write(text);
      if (batch.some((p) => p.durable)) await file.datasync();
      newlineFirst = false;
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve();
  };

  const append = async (line: Line, durable: boolean): Promise<void> => {
    await ready();
    if (line.state === "forgotten") live.delete(line.id);
    else live.set(line.id, line);
    await new Promise<void>((resolve, reject) => {
      pending.push({ text: `${JSON.stringify(line)}\n`, durable, resolve, reject });
      // The first line of a batch queues its write; later ones ride along until it starts.
      if (pending.length === 1) void serial(writePending);
    });
    await dropLegacy([line.id]);
  };

  const dropLegacy = async (ids: readonly string[]): Promise<void> => {
    for (const id of ids) {
      const file = legacy.get(id);
      if (file === undefined) continue;
      legacy.delete(id);
      await unlink(file).catch(() => {});
    }
  };

  const closeHandle = async (): Promise<void> => {
    const open = handle;
    handle = undefined;
    await open?.close();
  };

  /** Replace the log with only the live records (or delete it when there are none). */
  const rewrite = (): Promise<void> =>
    serial(async () => {
      await closeHandle();
      if (live.size === 0) {
        await unlink(path).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        });
      } else {
        const text = [...live.values()].map((r) => `${JSON.stringify(r)}\n`).join("");
        await mkdir(dir, { recursive: true });
        await writeFileAtomic(path, text);
      }
      newlineFirst = false;
    });

  return {
    dir,
    path,

    async readAll() {
      await ready();
      return [...live.values()];
    },

    submitting: (id, hash, key) => append({ state: "submitting", id, hash, key, at: at() }, true),
    submitted: (id, hash, key, generation, { durable } = { durable: true }) =>
      append({ state: "submitted", id, hash, key, generation, at: at() }, durable),
    completed: (id, hash, entry, forced = false) =>
      append(
        { state: "completed", id, hash, entry, at: at(), ...(forced ? { forced } : {}) },
        true,
      ),

    async remove(id) {
      await ready();
      if (!live.has(id)) return;
      // Not synced: a forgotten record that comes back is picked up and ended again, harmlessly.
      await append({ state: "forgotten", id, at: at() }, false);
    },

    async removeAll(ids) {
      await ready();
      const gone = ids.filter((id) => live.delete(id));
      if (gone.length === 0) return;
      await rewrite();
      await dropLegacy(gone);
    },

    close: () => serial(closeHandle),
  };
}

async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

function parseRecord(text: string): Line | undefined {
  const r = parseJsonObject(text);
  if (!r) return undefined;
  if (typeof r.id !== "string" || typeof r.at !== "string") return undefined;
  if (r.state === "forgotten") return { state: "forgotten", id: r.id, at: r.at };
  if (typeof r.hash !== "string") return undefined;
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
