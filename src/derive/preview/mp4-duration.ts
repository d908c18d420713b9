import type { MediaFileReader } from "./media-file-reader.js";
import { MediaFormatError } from "./media-file-reader.js";

/** A movie header is a few hundred bytes; a `moov` bigger than this is not read. */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 1024;

/**
 * The length of an MP4 (ISO BMFF) in seconds, from its movie header (`moov/mvhd`): the top-level
 * boxes are walked by their sizes (32- or 64-bit), wherever `moov` sits, and only it is read.
 */
export async function mp4DurationSeconds(reader: MediaFileReader): Promise<number> {
  let at = 0;
  for (let walked = 0; at + 8 <= reader.size && walked < MAX_TOP_LEVEL_BOXES; walked++) {
    const header = await reader.read(at, 16);
    let size = header.readUInt32BE(0);
    const type = header.toString("latin1", 4, 8);
    let headerSize = 8;
    if (size === 1 && header.length >= 16) {
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = reader.size - at; // the box runs to the end of the file
    }
    if (size < headerSize)
      throw new MediaFormatError(`its ${JSON.stringify(type)} box has size ${size}`);
    if (type === "moov") {
      if (size > MAX_MOOV_BYTES) throw new MediaFormatError(`its moov box is ${size} bytes`);
      return movieDuration(await reader.read(at + headerSize, size - headerSize));
    }
    at += size;
  }
  throw new MediaFormatError("it has no moov box");
}

function movieDuration(moov: Buffer): number {
  for (let at = 0; at + 8 <= moov.length;) {
    const size = moov.readUInt32BE(at);
    if (size < 8) break;
    if (moov.toString("latin1", at + 4, at + 8) === "mvhd") {
      const body = moov.subarray(at + 8, at + size);
      const version = body[0];
      const [timescale, duration] =
        version === 1 && body.length >= 32
          ? [body.readUInt32BE(20), Number(body.readBigUInt64BE(24))]
          : body.length >= 20
            ? [body.readUInt32BE(12), body.readUInt32BE(16)]
            : [0, 0];
      if (timescale === 0) throw new MediaFormatError("its movie header has no time scale");
      return duration / timescale;
    }
    at += size;
  }
  throw new MediaFormatError("its moov box has no movie header");
}
