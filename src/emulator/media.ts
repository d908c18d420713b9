import { MediaFile } from "./media-file.js";
import { mp4Segments, videoShape } from "./mp4.js";
import { paletteFor } from "./palette.js";
import { pngSegments } from "./png.js";
import type { GenerationRequest } from "./request.js";
import type { MediaType } from "./types.js";
import { wavSegments } from "./wav.js";
import type { Work } from "./work.js";
import { runAsync, runSync } from "./work.js";

/** File extension of each type's results (known before the file is generated). */
export const EXTENSIONS: Readonly<Record<MediaType, string>> = {
  image: "png",
  audio: "wav",
  video: "mp4",
};

/**
 * The result file for a request: real media of the requested type, a function of (seed, body)
 * only, padded to at least `max(request.bytes, minBytes)`.
 */
export function generateMedia(
  seed: number,
  bodyHash: string,
  request: GenerationRequest,
  minBytes: number,
): MediaFile {
  return runSync(mediaWork(seed, bodyHash, request, minBytes));
}

/** The same file, generated in slices that leave the event loop free between them. */
export function generateMediaAsync(
  seed: number,
  bodyHash: string,
  request: GenerationRequest,
  minBytes: number,
): Promise<MediaFile> {
  return runAsync(mediaWork(seed, bodyHash, request, minBytes));
}

function* mediaWork(
  seed: number,
  bodyHash: string,
  request: GenerationRequest,
  minBytes: number,
): Work<MediaFile> {
  const palette = paletteFor(seed, bodyHash, request.prompt);
  const size = Math.max(request.bytes, minBytes);
  switch (request.type) {
    case "image": {
      const segments = yield* pngSegments(request.width, request.height, palette, size);
      return new MediaFile("image/png", EXTENSIONS.image, segments);
    }
    case "audio": {
      const segments = wavSegments(request.durationSeconds, palette, size);
      return new MediaFile("audio/wav", EXTENSIONS.audio, segments);
    }
    case "video": {
      const shape = videoShape(request.width, request.height, request.durationSeconds);
      const segments = yield* mp4Segments(palette, shape, size);
      return new MediaFile("video/mp4", EXTENSIONS.video, segments);
    }
  }
}
