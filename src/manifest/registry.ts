import { quote } from "./problems.js";
import type { SourcePosition } from "./types.js";

/** Where an asset's field came from: a manifest position, or a row of an `each:` file. */
export type Where = SourcePosition | { position(row: number): SourcePosition; row: number };

export function resolveWhere(where: Where): SourcePosition {
  return "row" in where ? where.position(where.row) : where;
}

function shown(where: Where): string {
  const at = resolveWhere(where);
  return `${at.file}:${at.line}:${at.col}`;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Ids and outputs seen so far, to refuse a second asset with the same id or the same output file.
 * Outputs are compared as the file system most strictly would: case-insensitively and after
 * Unicode NFC, as on macOS and Windows checkouts.
 */
export class AssetRegistry {
  private readonly ids = new Map<string, Where>();
  private readonly outputs = new Map<string, { output: string; id: string; where: Where }>();

  /** The problem if `id` is taken, else `undefined` (and `id` is now taken). */
  claimId(id: string, where: Where): string | undefined {
    const first = this.ids.get(id);
    if (first) return `duplicate id ${quote(id)}; it is also declared at ${shown(first)}`;
    this.ids.set(id, where);
    return undefined;
  }

  /**
   * The problem if the file `fromRoot` (relative to the repository root) is taken, else
   * `undefined`. `output` is how the asset wrote it, for the message.
   */
  claimOutput(fromRoot: string, output: string, id: string, where: Where): string | undefined {
    const key = (NON_ASCII.test(fromRoot) ? fromRoot.normalize("NFC") : fromRoot).toLowerCase();
    const first = this.outputs.get(key);
    if (!first) {
      this.outputs.set(key, { output, id, where });
      return undefined;
    }
    const owner = `asset ${quote(first.id)} (${shown(first.where)})`;
    return first.output === output
      ? `output ${quote(output)} is also written by ${owner}`
      : `output ${quote(output)} is the same file as ${quote(first.output)} of ${owner} on case-insensitive file systems`;
  }
}
