import { quote } from "./problems.js";
import type { SourcePosition } from "./types.js";

/** Anything that can say where row `row` of it starts: an `each:` file. */
export interface RowSource {
  position(row: number): SourcePosition;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Ids and outputs seen so far, to refuse a second asset with the same id or the same output file,
 * and where each was written, for messages. Outputs are compared as the strictest file system
 * would: case-insensitively and after Unicode NFC, as on macOS and Windows checkouts.
 *
 * Where things were written is kept as two flat arrays rather than an object per row, because a
 * 50,000-row file would otherwise make 50,000 objects only to report the rare duplicate.
 */
export class AssetRegistry {
  private readonly ids = new Map<string, number>();
  private readonly outputs = new Map<string, number>();
  /** Folders that claimed outputs sit in, each with the first output under it. */
  private readonly folders = new Map<string, number>();
  private readonly origins: (SourcePosition | RowSource)[] = [];
  private readonly rows: number[] = [];
  /** Per claimed output: the asset's id, its output as written, and where. */
  private readonly names: string[] = [];
  private readonly files: string[] = [];
  private readonly outputOrigins: number[] = [];

  /** Records where something was written; the number is what the claims below take. */
  origin(at: SourcePosition | RowSource, row = 0): number {
    this.origins.push(at);
    this.rows.push(row);
    return this.origins.length - 1;
  }

  position(origin: number): SourcePosition {
    const at = this.origins[origin];
    if (at === undefined) return { file: "", line: 1, col: 1 };
    return "position" in at ? at.position(this.rows[origin] ?? 0) : at;
  }

  /** The problem if `id` is taken, else `undefined` (and `id` is now taken). */
  claimId(id: string, origin: number): string | undefined {
    const first = this.ids.get(id);
    if (first !== undefined)
      return `duplicate id ${quote(id)}; it is also declared at ${this.shown(first)}`;
    this.ids.set(id, origin);
    return undefined;
  }

  /**
   * The problem if the file `fromRoot` (relative to the repository root) is taken, else
   * `undefined`. `output` (as the asset wrote it) and `id` are kept for the message.
   */
  claimOutput(fromRoot: string, output: string, id: string, origin: number): string | undefined {
    const key = (NON_ASCII.test(fromRoot) ? fromRoot.normalize("NFC") : fromRoot).toLowerCase();
    const first = this.outputs.get(key);
    if (first !== undefined) {
      const firstOutput = this.files[first] ?? "";
      return firstOutput === output
        ? `output ${quote(output)} is also written by ${this.owner(first)}`
        : `output ${quote(output)} is the same file as ${quote(firstOutput)} of ${this.owner(first)} on case-insensitive file systems`;
    }
    // A file and a folder cannot share a path: one of the two would fail on every run, after
    // its job was paid for.
    const inside = this.folders.get(key);
    if (inside !== undefined) {
      return `output ${quote(output)} is a folder holding ${quote(this.files[inside] ?? "")} of ${this.owner(inside)}; a path cannot be both`;
    }
    // Up from the nearest parent, to the first folder already recorded: it is no file (a file is
    // never claimed where a folder is), nor is any folder above it (they were recorded with it).
    // Rows of one `each:` share a folder, so most claims stop at their first parent.
    let known = 0; // where the recorded folders start: those below it are new
    for (let slash = key.lastIndexOf("/"); slash > 0; slash = key.lastIndexOf("/", slash - 1)) {
      const folder = key.slice(0, slash);
      if (this.folders.has(folder)) {
        known = slash;
        break;
      }
      const file = this.outputs.get(folder);
      if (file !== undefined) {
        return `output ${quote(output)} would put a folder where ${quote(this.files[file] ?? "")} of ${this.owner(file)} is written; a path cannot be both`;
      }
    }
    const index = this.names.length;
    this.outputs.set(key, index);
    this.names.push(id);
    this.files.push(output);
    this.outputOrigins.push(origin);
    for (let slash = key.lastIndexOf("/"); slash > known; slash = key.lastIndexOf("/", slash - 1)) {
      this.folders.set(key.slice(0, slash), index);
    }
    return undefined;
  }

  private owner(index: number): string {
    return `asset ${quote(this.names[index] ?? "")} (${this.shown(this.outputOrigins[index] ?? 0)})`;
  }

  private shown(origin: number): string {
    const at = this.position(origin);
    return `${at.file}:${at.line}:${at.col}`;
  }
}
