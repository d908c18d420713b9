import type { FileHandle } from "node:fs/promises";

/**
 * Reads bounded slices of a media file by offset, so that a header can be walked without loading
 * the whole file (a WAV or MP4 may be padded to hundreds of megabytes).
 */
export class MediaFileReader {
  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    const buffer = Buffer.alloc(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(
        buffer,
        filled,
        wanted - filled,
        offset + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }
}

/** The file's content cannot be read as the format it claims. */
export class MediaFormatError extends Error {
  override readonly name = "MediaFormatError";
}
