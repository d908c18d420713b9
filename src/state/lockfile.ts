/**
 * `agentframer.lock`: what was rendered, per asset id. Read strictly (a damaged lockfile is an
 * error, never an empty one: treating it as empty would re-render and re-bill everything), written
 * sorted with one asset per line so that git diffs and merges touch only the assets that changed.
 */
import { closeSync, constants, lstatSync, openSync, readFileSync, readSync } from "node:fs";
import { z } from "zod";
import { notRegular } from "../manifest/read-text.js";
import { writeFileAtomic } from "./atomic-write.js";
import { LockfileError } from "./lockfile-error.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import { lockedVariantsJson, lockedVariantsSchema, variantsProblem } from "./lock-variants.js";

export const LOCKFILE_VERSION = 1;

export { LockfileError } from "./lockfile-error.js";

// Lengths, not hex regexes: a regex per field triples the cost on a 50,000-asset lockfile, and a
// mangled digit is harmless anyway (the asset plans as changed or modified).
const sha256Hex = z.string().length(64, "expected 64 hex digits");
const shortHex = z.string().min(1).max(64);

const entrySchema = z.strictObject({
  hash: sha256Hex,
  fields: z.strictObject({ type: shortHex, model: shortHex, prompt: shortHex, params: shortHex }),
  output: z.string().min(1),
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
  generation: z.string(),
  renderedAt: z.string(),
  variants: lockedVariantsSchema.optional(),
});

const REPAIR =
  "Restore it from git (git checkout -- FILE), resolve the merge, or delete it to plan every asset as new";

export function emptyLockfile(): Lockfile {
  return { version: LOCKFILE_VERSION, assets: Object.create(null) as Lockfile["assets"] };
}

/**
 * A hand-written mirror of entrySchema for the common case, a valid entry: zod copies every
 * object it parses, which on a 50,000-asset lockfile costs more than the JSON parse itself. Never
 * looser than the schema; anything it refuses goes to the schema, for the error message.
 */
/** Own keys of a JSON-parsed object, counted without allocating an array per entry. */
function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function isLockEntry(value: unknown): value is LockEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  const f = e.fields as Record<string, unknown> | null | undefined;
  const isShort = (v: unknown) => typeof v === "string" && v.length >= 1 && v.length <= 64;
  // An entry with variants goes to the schema: few do, and their paths need checking.
  return (
    keyCount(e) === 7 &&
    typeof e.hash === "string" &&
    e.hash.length === 64 &&
    typeof e.sha256 === "string" &&
    e.sha256.length === 64 &&
    typeof e.output === "string" &&
    e.output.length > 0 &&
    Number.isSafeInteger(e.size) &&
    (e.size as number) >= 0 &&
    typeof e.generation === "string" &&
    typeof e.renderedAt === "string" &&
    typeof f === "object" &&
    f !== null &&
    !Array.isArray(f) &&
    keyCount(f) === 4 &&
    isShort(f.type) &&
    isShort(f.model) &&
    isShort(f.prompt) &&
    isShort(f.params)
  );
}

function parseJson(text: string, file: string, remedy: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Conflict markers always break the JSON; say so, rather than "unexpected token '<'".
    const conflict = /^(<{7}|={7}|>{7})( |$)/m.exec(text);
    if (conflict) {
      const line = text.slice(0, conflict.index).split("\n").length;
      throw new LockfileError(file, `unresolved merge-conflict marker at line ${line}`, remedy);
    }
    throw new LockfileError(file, `not valid JSON (${(error as Error).message})`, remedy);
  }
}

/** Parse lockfile text; `file` is only used in error messages. */
export function parseLockfile(text: string, file: string): Lockfile {
  const remedy = REPAIR.replace("FILE", file);
  return lockFromJson(parseJson(text, file, remedy), file, remedy);
}

/**
 * Checks one parsed entry at a time, in file order: the entry as it is when it passes (most do,
 * through the hand-written check), else the schema's copy; throws LockfileError naming `file` and
 * the entry. Most assets share a type and a model (and the rows of one `each:` their params), so
 * their field hashes repeat: one string each instead of one per entry (JSON.parse makes a new
 * one every time) saves megabytes on a large lock.
 */
export function entryChecker(
  file: string,
  remedy = REPAIR.replace("FILE", file),
): (id: string, entry: unknown) => LockEntry {
  let type = "";
  let model = "";
  let params = "";
  return (id, entry) => {
    if (isLockEntry(entry)) {
      const { fields } = entry;
      if (fields.type === type) fields.type = type;
      else type = fields.type;
      if (fields.model === model) fields.model = model;
      else model = fields.model;
      if (fields.params === params) fields.params = params;
      else params = fields.params;
      return entry;
    }
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = ["assets", id, ...(issue?.path ?? [])].map(String).join(".");
      throw new LockfileError(file, `${where}: ${issue?.message ?? "invalid entry"}`, remedy);
    }
    const variants = parsed.data.variants;
    const problem = variants && variantsProblem(parsed.data.output, variants);
    if (problem !== undefined) {
      throw new LockfileError(file, `assets.${id}.variants: ${problem}`, remedy);
    }
    return parsed.data as LockEntry;
  };
}

/** The parsed JSON of a lockfile → the lock; throws LockfileError naming `file`. */
function lockFromJson(data: unknown, file: string, remedy: string): Lockfile {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new LockfileError(file, "not a JSON object with `version` and `assets`", remedy);
  }
  const { version, assets, ...rest } = data as Record<string, unknown>;
  if (version !== LOCKFILE_VERSION) {
    throw new LockfileError(
      file,
      `lockfile version ${JSON.stringify(version)} is not supported (this agentframer reads version ${LOCKFILE_VERSION})`,
      typeof version === "number" && version > LOCKFILE_VERSION
        ? "Upgrade agentframer to read it"
        : remedy,
    );
  }
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) {
    throw new LockfileError(file, `unknown key ${JSON.stringify(unknownKeys[0])}`, remedy);
  }
  if (typeof assets !== "object" || assets === null || Array.isArray(assets)) {
    throw new LockfileError(file, "`assets` must be an object keyed by asset id", remedy);
  }
  // The parsed object becomes the lock's `assets` (without a prototype, so that an id such as
  // "constructor" finds nothing it did not write): copying 50,000 entries into a new object cost
  // time and, with its growing copies, megabytes.
  const raw = Object.setPrototypeOf(assets, null) as Record<string, unknown>;
  const lock: Lockfile = { version: LOCKFILE_VERSION, assets: raw as Lockfile["assets"] };
  const check = entryChecker(file, remedy);
  for (const id in raw) {
    const entry = raw[id];
    const checked = check(id, entry);
    if (checked !== entry) lock.assets[id] = checked;
  }
  return lock;
}

/** How the lockfile's bytes begin and end as serializeLockfile writes them (with assets). */
export const WRITTEN_HEAD = `{\n  "version": ${LOCKFILE_VERSION},\n  "assets": {\n`;
export const WRITTEN_TAIL = "\n  }\n}\n";
const READ_CHUNK = 64 * 1024;

/**
 * A lockfile as written (one asset per line) is parsed a few hundred lines at a time, so that
 * neither its bytes nor its text (19 MB each for 50,000 assets) exist whole: every piece dies
 * young, where it is cheap to collect, instead of sitting in the old generation until the next
 * full collection while the plan goes on. Together the parts are exactly JSON.parse of the whole
 * file: `{"version": 1, "assets": {BODY}}`, and BODY split after a comma that ends a line (a JSON
 * string holds no line break, so such a comma separates two members or two fields) into parts
 * that each parse as `{PART}` means the same members in the same order. Each part's object goes
 * to `onPart` in file order. Anything else — another layout, a part that does not parse (a member
 * spread over lines, a merge conflict, damage) — returns false, and the caller reads the whole
 * file the usual way, for its exact error message.
 */
export function readWrittenParts(
  path: string,
  onPart: (part: Record<string, unknown>) => void,
): boolean {
  return readWrittenBody(path, (bytes, start, end) =>
    parsePart(bytes.toString("utf8", start, end), onPart),
  );
}

const HEAD_BYTES = Buffer.from(WRITTEN_HEAD);
const TAIL_BYTES = Buffer.from(WRITTEN_TAIL);
const LINE_COMMA = Buffer.from(",\n");

/**
 * The chunk loop of readWrittenParts, for a reader that parses the parts its own way:
 * `onMembers(bytes, start, end)` gets each part as the UTF-8 `bytes` from `start` to `end`
 * (whole lines, split after line-ending commas; neither comma nor head nor tail included; the
 * bytes just after `end` are a line break), in file order. `bytes` is the loop's own buffer,
 * rewritten once the call returns. Its false stops the read, which then returns false, as does a
 * file not in the layout. An empty part (`,\n,\n`) is not in it: the whole file's JSON would
 * refuse it.
 */
export function readWrittenBody(
  path: string,
  onMembers: (bytes: Buffer, start: number, end: number) => boolean,
): boolean {
  // Never through a link, whatever was checked before (isLockfileToRead).
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    let kept = 0; // bytes after the last line-ending comma, at the start of `buffer`
    let headRead = false;
    for (;;) {
      if (kept === buffer.length) return false; // a chunk with no line-ending comma
      const n = readSync(fd, buffer, kept, buffer.length - kept, null);
      let end = kept + n;
      if (!headRead) {
        if (end < HEAD_BYTES.length) {
          if (n === 0) return false;
          kept = end;
          continue;
        }
        if (!HEAD_BYTES.equals(buffer.subarray(0, HEAD_BYTES.length))) return false;
        buffer.copy(buffer, 0, HEAD_BYTES.length, end);
        end -= HEAD_BYTES.length;
        headRead = true;
      }
      if (n === 0) {
        const last = end - TAIL_BYTES.length;
        if (last <= 0 || !TAIL_BYTES.equals(buffer.subarray(last, end))) return false;
        return onMembers(buffer, 0, last);
      }
      // Parts are cut at the last line-ending comma (one byte each in UTF-8, never inside a
      // character); the rest waits for the next read. Decoding whole lines and carrying the rest
      // as text made each chunk's text twice, joined and then flattened.
      const cut = end < LINE_COMMA.length ? -1 : buffer.lastIndexOf(LINE_COMMA, end - 2);
      if (cut < 0) {
        kept = end;
        continue;
      }
      if (cut === 0 || !onMembers(buffer, 0, cut)) return false;
      buffer.copy(buffer, 0, cut + LINE_COMMA.length, end);
      kept = end - cut - LINE_COMMA.length;
    }
  } finally {
    closeSync(fd);
  }
}

/** `{members}` parsed and handed on; false if it does not parse as an object. */
function parsePart(members: string, onPart: (part: Record<string, unknown>) => void): boolean {
  let part: unknown;
  try {
    part = JSON.parse(`{${members}}`);
  } catch {
    return false;
  }
  if (typeof part !== "object" || part === null || Array.isArray(part)) return false;
  onPart(part as Record<string, unknown>);
  return true;
}

/** The members of a lockfile as written, gathered (later ids replace earlier ones, as in JSON.parse). */
function readWrittenLockfile(
  path: string,
  share: ShareStrings | undefined,
): { version: number; assets: object } | undefined {
  const assets = Object.create(null) as Record<string, unknown>;
  const complete = readWrittenParts(path, (part) => {
    for (const id of Object.keys(part)) {
      const entry = part[id];
      if (share && typeof entry === "object" && entry !== null) {
        share(id, entry as Record<string, unknown>);
      }
      assets[id] = entry;
    }
  });
  return complete ? { version: LOCKFILE_VERSION, assets } : undefined;
}

/**
 * Called with each entry of a lockfile as written, as soon as it is parsed and before it is
 * checked, so that the caller can put in place of its strings equal ones it already holds (the
 * manifest's output paths and request hashes): on a large lock that is megabytes, and the copies
 * JSON.parse made die young, where they cost nothing to collect. It must change nothing else.
 * `place` is the asset's place (in the id → place map the reader was given) when the reader
 * knows it already, as the plan's reader does for a line it reads in place (state/plan-lock.ts):
 * the caller need not look the id up again.
 */
export type ShareStrings = (id: string, entry: Record<string, unknown>, place?: number) => void;

/**
 * No lockfile is larger: a million entries (the most a manifest has) with long ids, outputs and
 * variants stay well under it. Anything larger was not written by the tool.
 */
export const MAX_LOCKFILE_BYTES = 1024 * 1024 * 1024;

/**
 * Whether there is a lockfile at `path` to read (false: none, the lock is empty); throws
 * LockfileError for anything but a regular file within the bound. The lockfile is a file a pull
 * request can commit: as a symbolic link it would have the tool read a file of the runner's
 * (and quote it in the parse error), and as a FIFO opening it would block this thread for good,
 * past Ctrl-C. Every reader of a lockfile asks this first (lstat: the link itself is judged).
 */
export function isLockfileToRead(path: string): boolean {
  const facts = lstatSync(path, { throwIfNoEntry: false });
  if (facts === undefined) return false;
  const repair = REPAIR.replace("FILE", path);
  if (facts.isSymbolicLink()) {
    throw new LockfileError(
      path,
      "it is a symbolic link; a lockfile is read only as a regular file in the repository",
      repair,
    );
  }
  if (!facts.isFile()) throw new LockfileError(path, notRegular(facts), repair);
  if (facts.size > MAX_LOCKFILE_BYTES) {
    throw new LockfileError(
      path,
      `it is ${facts.size} bytes, more than any lockfile this tool writes (${MAX_LOCKFILE_BYTES})`,
      repair,
    );
  }
  return true;
}

/** Read the lockfile; a missing one is empty, a damaged one throws LockfileError. */
export async function readLockfile(path: string, share?: ShareStrings): Promise<Lockfile> {
  if (!isLockfileToRead(path)) return emptyLockfile();
  let written;
  try {
    written = readWrittenLockfile(path, share);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyLockfile();
    throw error;
  }
  if (written) return lockFromJson(written, path, REPAIR.replace("FILE", path));
  let text: string;
  try {
    // Synchronous: one large read, several times quicker than the promise API's chunked one.
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyLockfile();
    throw error;
  }
  return parseLockfile(text, path);
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fixed key order, whatever order the entry was built in, so the bytes are stable. */
function entryJson(e: LockEntry): string {
  return JSON.stringify({
    hash: e.hash,
    fields: {
      type: e.fields.type,
      model: e.fields.model,
      prompt: e.fields.prompt,
      params: e.fields.params,
    },
    output: e.output,
    sha256: e.sha256,
    size: e.size,
    generation: e.generation,
    renderedAt: e.renderedAt,
    ...(e.variants ? { variants: lockedVariantsJson(e.variants) } : {}),
  });
}

/** Sorted by id (code units, not locale, so every machine agrees), one asset per line. */
export function serializeLockfile(lock: Lockfile): string {
  return [...lockfileChunks(lock)].join("");
}

/**
 * About how much of the lockfile each chunk holds: big enough to write, and below V8's large
 * object size (128 KiB), so that a chunk written dies young. Megabyte chunks each went to the
 * large object space, where at 50,000 assets the 20 MB of them stayed until a full collection,
 * on top of the run's peak.
 */
export const LOCKFILE_CHUNK_CHARS = 1 << 16;

/**
 * The text `serializeLockfile` gives, in chunks of about 64 KiB, for writing without holding
 * the whole file at once: at 50,000 assets it is 20 MB, twice over as a string and its bytes.
 */
export function* lockfileChunks(lock: Lockfile): Generator<string> {
  const ids = Object.keys(lock.assets).sort(compareCodeUnits);
  if (ids.length === 0) {
    yield `{\n  "version": ${LOCKFILE_VERSION},\n  "assets": {}\n}\n`;
    return;
  }
  let chunk = WRITTEN_HEAD;
  for (const [i, id] of ids.entries()) {
    chunk += (i === 0 ? "" : ",\n") + entryLine(id, lock.assets[id] as LockEntry);
    if (chunk.length >= LOCKFILE_CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + WRITTEN_TAIL;
}

/** One asset's line as serializeLockfile writes it, without the comma that separates lines. */
export function entryLine(id: string, entry: LockEntry): string {
  return `    ${JSON.stringify(id)}: ${entryJson(entry)}`;
}

/** Write the lockfile atomically: readers and crashes see the old file or the new, never half. */
export async function writeLockfile(path: string, lock: Lockfile): Promise<void> {
  await writeFileAtomic(path, lockfileChunks(lock));
}
