import { MediaFile } from "./media-file.js";
import { mp4Segments } from "./mp4.js";
import { paletteFor } from "./palette.js";
import { pngSegments } from "./png.js";
import type { GenerationRequest } from "./request.js";
import type { MediaType } from "./types.js";
import { wavSegments } from "./wav.js";

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
  const palette = paletteFor(seed, bodyHash, request.prompt);
  const size = Math.max(request.bytes, minBytes);
  switch (request.type) {
    case "image":
      return new MediaFile(
        "image/png",
        EXTENSIONS.image,
        pngSegments(request.width, request.height, palette, size),
      );
    case "audio":
      return new MediaFile(
        "audio/wav",
        EXTENSIONS.audio,
        wavSegments(request.durationSeconds, palette, size),
      );
    case "video":
      return new MediaFile("video/mp4", EXTENSIONS.video, mp4Segments(palette, size));
  }
}
