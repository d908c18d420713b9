import { closeSync, constants, openSync, readSync } from "node:fs";
import { writeFileAtomic } from "./atomic-write.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import {
  compareCodeUnits,
  entryLine,
  lockfileChunks,
  LOCKFILE_CHUNK_CHARS,
  WRITTEN_HEAD,
  WRITTEN_TAIL,
} from "./lockfile.js";

const HEAD = Buffer.from(WRITTEN_HEAD);
const HEAD_LINES = WRITTEN_HEAD.split("\n").slice(0, -1);
const SEPARATOR = Buffer.from(",\n");
/** The line that closes the assets object, and what must follow it to the end of the file. */
const CLOSE_ASSETS = "  }";
const AFTER_CLOSE = Buffer.from(WRITTEN_TAIL.slice(1 + CLOSE_ASSETS.length + 1));
/** What follows an id's closing quote on a written line. It cannot occur inside a JSON string: a quote there is escaped. */
const AFTER_ID = Buffer.from('": {"hash":');
/** How much of the old file is read at a time, and about how much new text is written at once. */
const CHUNK_BYTES = LOCKFILE_CHUNK_CHARS;

/** The file is not as `serializeLockfile` writes it: serialise the whole lock instead. */
class NotAsWritten extends Error {}

/**
 * Write `lock` over the lockfile at `path`, which holds the same lock except the `changed` ids:
 * the lines of the other assets are copied as they are on disk, not parsed and serialised again,
 * so a small change to a big lock costs a copy of its bytes, not 50,000 `JSON.stringify`s and a
 * sort. Falls back to serialising the whole lock when the file is not as `serializeLockfile`
 * writes it (missing, hand-formatted, unsorted, or holding other ids than `lock`); either way the
 * write is atomic. Neither way holds the file whole: the old file is read 64 KiB at a time and
 * copied from there, and the new lines go out in pieces of about that size (at 50,000 assets, the old
 * file read whole and a buffer per changed line were 27 MB of a render's peak at its last write).
 */
export async function rewriteLockfile(
  path: string,
  lock: Lockfile,
  changed: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(changed)]
    .filter((id) => Object.hasOwn(lock.assets, id))
    .sort(compareCodeUnits);
  try {
    await writeFileAtomic(path, withChangedLines(path, lock, ids));
  } catch (error) {
    // The temp file the failed attempt began is gone (writeFileAtomic removes it).
    if (!(error instanceof NotAsWritten)) throw error;
    await writeFileAtomic(path, lockfileChunks(lock));
  }
}

/**
 * The new file's bytes in pieces of about 64 KiB: the unchanged lines copied from the old file
 * (read a chunk at a time), the changed ids' lines in their sorted places. Throws NotAsWritten,
 * at whatever point it finds out, when the old file is not laid out as written.
 */
function* withChangedLines(
  path: string,
  lock: Lockfile,
  ids: readonly string[],
): Generator<Uint8Array> {
  let fd: number;
  try {
    // Not through a link (a link here was put there during the run: it is written whole).
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    throw new NotAsWritten();
  }
  try {
    const lines = linesOf(fd);
    for (const expected of HEAD_LINES) {
      const line = lines.next();
      if (line.done || !isLine(line.value, expected)) throw new NotAsWritten();
    }
    const out = new Pieces();
    yield* out.add(HEAD);
    let members = 0;
    let next = 0;
    let copied = 0;
    let previous: string | undefined;
    let lastHadComma = true;
    const separate = function* (): Generator<Uint8Array> {
      if (members++ > 0) yield* out.add(SEPARATOR);
    };
    const newLine = function* (id: string): Generator<Uint8Array> {
      yield* separate();
      yield* out.add(entryLine(id, lock.assets[id] as LockEntry));
    };
    for (;;) {
      const item = lines.next();
      if (item.done) throw new NotAsWritten();
      const line = item.value;
      if (isLine(line, CLOSE_ASSETS)) {
        // The last line has no comma, and there is one; then the file ends as written.
        if (lastHadComma || !lines.rest().equals(AFTER_CLOSE)) throw new NotAsWritten();
        break;
      }
      // Every line but the last ends with the comma that separates members.
      if (!lastHadComma) throw new NotAsWritten();
      lastHadComma = line.chunk[line.end - 1] === 0x2c;
      const contentEnd = lastHadComma ? line.end - 1 : line.end;
      const id = idOfLine(line.chunk, line.start, contentEnd);
      if (id === undefined || (previous !== undefined && compareCodeUnits(previous, id) >= 0)) {
        throw new NotAsWritten();
      }
      previous = id;
      while (next < ids.length && compareCodeUnits(ids[next] as string, id) < 0) {
        yield* newLine(ids[next++] as string);
      }
      if (ids[next] === id) yield* newLine(ids[next++] as string);
      else {
        copied += 1;
        yield* separate();
        yield* out.add(line.chunk.subarray(line.start, contentEnd));
      }
    }
    while (next < ids.length) yield* newLine(ids[next++] as string);
    // The file held an id the lock does not (or the other way round): serialise the lock instead.
    let count = 0;
    for (const _ in lock.assets) count++;
    if (count !== copied + ids.length) throw new NotAsWritten();
    yield* out.add(WRITTEN_TAIL);
    yield* out.flush();
  } finally {
    closeSync(fd);
  }
}

/**
 * Output gathered into buffers of CHUNK_BYTES, each handed out once full: a write per 64 KiB, not
 * one per line or run of lines (a lock with every other line changed is 50,000 of those).
 */
class Pieces {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  *add(data: string | Uint8Array): Generator<Uint8Array> {
    const size = typeof data === "string" ? Buffer.byteLength(data) : data.length;
    if (this.used + size > this.buffer.length) yield* this.flush();
    if (size > this.buffer.length) {
      yield typeof data === "string" ? Buffer.from(data) : data;
      return;
    }
    if (typeof data === "string") this.buffer.write(data, this.used);
    else this.buffer.set(data, this.used);
    this.used += size;
  }

  /** Hand out what is gathered; a fresh buffer follows, as the one handed out may still be read. */
  *flush(): Generator<Uint8Array> {
    if (this.used === 0) return;
    yield this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}

/** A line of the file: bytes `start` to `end` (before its line break) of `chunk`. */
interface Line {
  chunk: Buffer;
  start: number;
  end: number;
}

function isLine(line: Line, text: string): boolean {
  return (
    line.end - line.start === text.length &&
    line.chunk.toString("latin1", line.start, line.end) === text
  );
}

/**
 * The file's lines, read a chunk at a time into a buffer of its own each, so that a slice handed
 * out stays valid after the next read. `rest()` (after the last line taken) is what follows it to
 * the end of the file, read whole: only ever the few bytes after the assets.
 */
function linesOf(fd: number): Iterator<Line> & { rest(): Buffer } {
  let chunk = Buffer.alloc(0);
  let at = 0;
  let ended = false;
  const fill = (): boolean => {
    if (ended) return false;
    const kept = chunk.length - at;
    const fresh = Buffer.allocUnsafe(kept + CHUNK_BYTES);
    chunk.copy(fresh, 0, at);
    let filled = kept;
    while (filled < fresh.length) {
      const n = readSync(fd, fresh, filled, fresh.length - filled, null);
      if (n === 0) {
        ended = true;
        break;
      }
      filled += n;
    }
    chunk = fresh.subarray(0, filled);
    at = 0;
    return filled > kept;
  };
  return {
    next(): IteratorResult<Line> {
      for (;;) {
        const lineBreak = chunk.indexOf(10, at);
        if (lineBreak >= 0) {
          const line = { chunk, start: at, end: lineBreak };
          at = lineBreak + 1;
          return { done: false, value: line };
        }
        if (!fill()) return { done: true, value: undefined };
      }
    },
    rest(): Buffer {
      while (fill());
      return chunk.subarray(at);
    },
  };
}

/** The id on a line `    "ID": {"hash":…`, or undefined if the line is not laid out so. */
function idOfLine(file: Buffer, start: number, end: number): string | undefined {
  if (file.toString("latin1", start, start + 5) !== '    "') return undefined;
  const after = file.indexOf(AFTER_ID, start + 5);
  if (after < 0 || after >= end) return undefined;
  try {
    const id: unknown = JSON.parse(file.toString("utf8", start + 4, after + 1));
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
