import { readFileSync } from "node:fs";
import { writeFileAtomic } from "./atomic-write.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import {
  compareCodeUnits,
  entryLine,
  lockfileChunks,
  WRITTEN_HEAD,
  WRITTEN_TAIL,
} from "./lockfile.js";

const HEAD = Buffer.from(WRITTEN_HEAD);
const TAIL = Buffer.from(WRITTEN_TAIL);
/** What follows an id's closing quote on a written line. It cannot occur inside a JSON string: a quote there is escaped. */
const AFTER_ID = Buffer.from('": {"hash":');
const SEPARATOR = Buffer.from(",\n");

/**
 * Write `lock` over the lockfile at `path`, which holds the same lock except the `changed` ids:
 * the lines of the other assets are copied as they are on disk, not parsed and serialised again,
 * so a small change to a big lock costs a copy of its bytes, not 50,000 `JSON.stringify`s and a
 * sort. Falls back to serialising the whole lock when the file is not as `serializeLockfile`
 * writes it (missing, hand-formatted, unsorted, or holding other ids than `lock`); either way the
 * write is atomic. Neither way holds a second copy of the file: runs of unchanged lines are
 * written straight from the old file's bytes, and a whole lock is serialised a chunk at a time.
 */
export async function rewriteLockfile(
  path: string,
  lock: Lockfile,
  changed: Iterable<string>,
): Promise<void> {
  await writeFileAtomic(path, withChangedLines(path, lock, changed) ?? lockfileChunks(lock));
}

function withChangedLines(
  path: string,
  lock: Lockfile,
  changed: Iterable<string>,
): Uint8Array[] | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const bodyEnd = file.length - TAIL.length;
  if (
    bodyEnd <= HEAD.length ||
    !file.subarray(0, HEAD.length).equals(HEAD) ||
    !file.subarray(bodyEnd).equals(TAIL)
  ) {
    return undefined;
  }
  const ids = [...new Set(changed)]
    .filter((id) => Object.hasOwn(lock.assets, id))
    .sort(compareCodeUnits);
  // The body as members separated by ",\n": a run of unchanged lines is one slice of the file
  // (its inner separators included), so there are parts for the changes, not for every line.
  const parts: Uint8Array[] = [HEAD];
  let members = 0;
  let run: { from: number; to: number } | undefined;
  const separate = (): void => {
    if (members++ > 0) parts.push(SEPARATOR);
  };
  const endRun = (): void => {
    if (!run) return;
    separate();
    parts.push(file.subarray(run.from, run.to));
    run = undefined;
  };
  const newLine = (id: string): void => {
    endRun();
    separate();
    parts.push(Buffer.from(entryLine(id, lock.assets[id] as LockEntry)));
  };
  let copied = 0;
  let next = 0;
  let previous: string | undefined;
  for (let start = HEAD.length; start < bodyEnd;) {
    const lineBreak = file.indexOf(10, start);
    const last = lineBreak < 0 || lineBreak >= bodyEnd;
    const lineEnd = last ? bodyEnd : lineBreak;
    // Every line but the last ends with the comma that separates members; the last has none.
    if ((file[lineEnd - 1] === 0x2c) === last) return undefined;
    const contentEnd = last ? lineEnd : lineEnd - 1;
    const id = idOfLine(file, start, contentEnd);
    if (id === undefined || (previous !== undefined && compareCodeUnits(previous, id) >= 0)) {
      return undefined;
    }
    previous = id;
    while (next < ids.length && compareCodeUnits(ids[next] as string, id) < 0) {
      newLine(ids[next++] as string);
    }
    if (ids[next] === id) newLine(ids[next++] as string);
    else {
      copied += 1;
      if (run) run.to = contentEnd;
      else run = { from: start, to: contentEnd };
    }
    start = lineEnd + 1;
  }
  endRun();
  while (next < ids.length) newLine(ids[next++] as string);
  // The file held an id the lock does not (or the other way round): serialise the lock instead.
  let count = 0;
  for (const _ in lock.assets) count++;
  if (count !== copied + ids.length) return undefined;
  parts.push(TAIL);
  return parts;
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
