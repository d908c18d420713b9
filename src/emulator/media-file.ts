import { createHash } from "node:crypto";

/** A piece of a result file: literal bytes, or a run of zero bytes that is never materialised. */
export type Segment = Buffer | { zeros: number };

const ZERO_CHUNK = Buffer.alloc(64 * 1024);

/** `count` zero bytes as slices of one shared buffer (callers must not write into them). */
export function* zeroChunks(count: number): Generator<Buffer> {
  for (let left = count; left > 0; left -= ZERO_CHUNK.length) {
    yield ZERO_CHUNK.subarray(0, Math.min(left, ZERO_CHUNK.length));
  }
}

/**
 * A generated result file, described by its segments so that a padded 20 MB body can be streamed
 * (and hashed) without ever being held in memory.
 */
export class MediaFile {
  readonly size: number;
  #sha256: string | undefined;

  constructor(
    readonly contentType: string,
    readonly extension: string,
    private readonly segments: readonly Segment[],
  ) {
    this.size = segments.reduce((sum, s) => sum + (Buffer.isBuffer(s) ? s.length : s.zeros), 0);
  }

  /** The bytes in order; zero runs come as slices of one shared 64 KiB buffer. */
  *chunks(): Generator<Buffer> {
    for (const segment of this.segments) {
      if (Buffer.isBuffer(segment)) {
        if (segment.length > 0) yield segment;
        continue;
      }
      yield* zeroChunks(segment.zeros);
    }
  }

  /** Hex SHA-256 of the whole file, computed once on first use. */
  sha256(): string {
    if (this.#sha256 === undefined) {
      const hash = createHash("sha256");
      for (const chunk of this.chunks()) hash.update(chunk);
      this.#sha256 = hash.digest("hex");
    }
    return this.#sha256;
  }

  /** The whole file in one buffer (tests and small files only). */
  toBuffer(): Buffer {
    return Buffer.concat([...this.chunks()]);
  }
}
