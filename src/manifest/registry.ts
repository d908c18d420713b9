import { withRoom } from "./int-array.js";
import { hashChar, hashEnd, hashOf, hashStart, KeyTable } from "./key-table.js";
import { quote } from "./problems.js";
import type { SourcePosition } from "./types.js";

/** Anything that can say where row `row` of it starts: an `each:` file. */
export interface RowSource {
  position(row: number): SourcePosition;
}

const NON_ASCII = /[\u0080-\uffff]/;
const SLASH = 47;

/**
 * Ids and outputs seen so far, to refuse a second asset with the same id or the same output file,
 * and where each was written, for messages. Outputs are compared as the strictest file system
 * would: case-insensitively and after Unicode NFC, as on macOS and Windows checkouts.
 *
 * Nothing here is kept per row but what a claim needs: where things were written is a list of
 * ranges (a whole `each:` file is one), and the keys are the callers' own strings, found in
 * tables of numbers (key-table.ts), because a 500,000-row file would otherwise make millions of
 * objects only to report the rare duplicate.
 */
export class AssetRegistry {
  private readonly ids = new KeyTable(false);
  private readonly outputs = new KeyTable(true);
  /** Folders that claimed outputs sit in, each with the first output under it. */
  private readonly folders = new KeyTable(true);
  /** Where origins `starts[k]` and on were written: one position, or a file's rows from there. */
  private readonly starts: number[] = [];
  private readonly sources: (SourcePosition | RowSource)[] = [];
  private next = 0;
  /** Per claimed output: the asset's id, its output as written, and where. */
  private readonly names: string[] = [];
  private readonly files: string[] = [];
  private outputOrigins = new Int32Array(16);
  private expected = 0;
  /** Ends and hashes of the folders of the output being claimed (reused by every claim). */
  private folderEnds = new Int32Array(64);
  private folderHashes = new Int32Array(64);
  private folderCount = 0;

  /** Records where something was written; the number is what the claims below take. */
  origin(at: SourcePosition): number {
    this.starts.push(this.next);
    this.sources.push(at);
    return this.next++;
  }

  /**
   * Records where `count` rows of a file were written, for claims to come: row `r` is origin
   * `first + r`. Ids and outputs get room for them all at once.
   */
  rowOrigins(rows: RowSource, count: number): number {
    const first = this.next;
    this.starts.push(first);
    this.sources.push(rows);
    this.next += count;
    this.expect(count);
    return first;
  }

  /** Announces `count` more claims of ids and outputs, so that room is made for them at once. */
  expect(count: number): void {
    this.ids.reserve(count);
    this.outputs.reserve(count);
    this.expected = Math.max(this.expected, this.names.length) + count;
    this.outputOrigins = withRoom(this.outputOrigins, this.expected);
  }

  position(origin: number): SourcePosition {
    // The last range that starts at or before `origin`.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= origin) low = middle;
      else high = middle - 1;
    }
    const at = this.sources[low];
    if (at === undefined) return { file: "", line: 1, col: 1 };
    return "position" in at ? at.position(origin - (this.starts[low] ?? 0)) : at;
  }

  /** The problem if `id` is taken, else `undefined` (and `id` is now taken). */
  claimId(id: string, origin: number): string | undefined {
    const hash = hashOf(id, id.length, false);
    const first = this.ids.find(id, id.length, hash);
    if (first >= 0) return `duplicate id ${quote(id)}; it is also declared at ${this.shown(first)}`;
    this.ids.add(id, id.length, hash, origin);
    return undefined;
  }

  /**
   * The problem if the file `fromRoot` (relative to the repository root) is taken, else
   * `undefined`. `output` (as the asset wrote it) and `id` are kept for the message.
   */
  claimOutput(fromRoot: string, output: string, id: string, origin: number): string | undefined {
    // ASCII paths are compared with A-Z folded by the tables, without a lower-cased copy; others
    // are normalised and lower-cased here (their lower case may even be ASCII: K, the Kelvin sign).
    const key = NON_ASCII.test(fromRoot) ? fromRoot.normalize("NFC").toLowerCase() : fromRoot;
    const hash = this.hashFolders(key);
    const first = this.outputs.find(key, key.length, hash);
    if (first >= 0) {
      const firstOutput = this.files[first] ?? "";
      return firstOutput === output
        ? `output ${quote(output)} is also written by ${this.owner(first)}`
        : `output ${quote(output)} is the same file as ${quote(firstOutput)} of ${this.owner(first)} on case-insensitive file systems`;
    }
    // A file and a folder cannot share a path: one of the two would fail on every run, after
    // its job was paid for.
    const inside = this.folders.find(key, key.length, hash);
    if (inside >= 0) {
      return `output ${quote(output)} is a folder holding ${quote(this.files[inside] ?? "")} of ${this.owner(inside)}; a path cannot be both`;
    }
    // Up from the nearest parent, to the first folder already recorded: it is no file (a file is
    // never claimed where a folder is), nor is any folder above it (they were recorded with it).
    // Rows of one `each:` share a folder, so most claims stop at their first parent.
    let depth = this.folderCount;
    let known = 0; // how many folders, from the top, are recorded: those below are new
    for (let d = depth - 1; d >= 0; d--) {
      const end = this.folderEnds[d] ?? 0;
      const folderHash = this.folderHashes[d] ?? 0;
      if (this.folders.find(key, end, folderHash) >= 0) {
        known = d + 1;
        break;
      }
      const file = this.outputs.find(key, end, folderHash);
      if (file >= 0) {
        return `output ${quote(output)} would put a folder where ${quote(this.files[file] ?? "")} of ${this.owner(file)} is written; a path cannot be both`;
      }
    }
    const index = this.names.length;
    this.outputs.add(key, key.length, hash, index);
    this.names.push(id);
    this.files.push(output);
    this.outputOrigins = withRoom(this.outputOrigins, index + 1);
    this.outputOrigins[index] = origin;
    for (depth--; depth >= known; depth--) {
      this.folders.add(key, this.folderEnds[depth] ?? 0, this.folderHashes[depth] ?? 0, index);
    }
    return undefined;
  }

  /**
   * The hash of `key` (A-Z folded), and on the way, the end and hash of each folder it sits in
   * (every "/" but a leading one), so that no folder is sliced out to be looked up.
   */
  private hashFolders(key: string): number {
    let hash = hashStart();
    let count = 0;
    for (let k = 0; k < key.length; k++) {
      const code = key.charCodeAt(k);
      if (code === SLASH && k > 0) {
        if (count === this.folderEnds.length) {
          this.folderEnds = withRoom(this.folderEnds, count + 1);
          this.folderHashes = withRoom(this.folderHashes, count + 1);
        }
        this.folderEnds[count] = k;
        this.folderHashes[count] = hashEnd(hash);
        count++;
      }
      hash = hashChar(hash, code, true);
    }
    this.folderCount = count;
    return hashEnd(hash);
  }

  private owner(index: number): string {
    return `asset ${quote(this.names[index] ?? "")} (${this.shown(this.outputOrigins[index] ?? 0)})`;
  }

  private shown(origin: number): string {
    const at = this.position(origin);
    return `${at.file}:${at.line}:${at.col}`;
  }
}
