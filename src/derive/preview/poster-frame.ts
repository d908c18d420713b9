/**
 * A video's poster frame: the one frame that stands for it, in the PR comment's review preview
 * and in its web variants alike — taken at POSTER_FRAME_AT of its length (plan/variant-recipe.ts,
 * where the variant recipe records the choice so that changing it re-derives).
 */
import { open } from "node:fs/promises";
import { POSTER_FRAME_AT } from "../../plan/variant-recipe.js";
import { extractFrame } from "./ffmpeg-tool.js";
import { MediaFileReader } from "./media-file-reader.js";
import { mp4DurationSeconds } from "./mp4-duration.js";

/** The length of an MP4 in seconds, from its movie header (never from a lock or the manifest). */
export async function videoDurationSeconds(file: string): Promise<number> {
  const handle = await open(file, "r");
  try {
    return await mp4DurationSeconds(new MediaFileReader(handle, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}

/**
 * The poster frame as PNG bytes: at the video's own size (what its variants are made from), or
 * at most `maxWidth` wide (a review preview).
 */
export function posterFrame(
  ffmpegPath: string,
  file: string,
  durationSeconds: number,
  { maxWidth, signal }: { maxWidth?: number; signal?: AbortSignal } = {},
): Promise<Buffer> {
  return extractFrame(ffmpegPath, file, {
    atSeconds: durationSeconds * POSTER_FRAME_AT,
    ...(maxWidth !== undefined ? { maxWidth } : {}),
    ...(signal ? { signal } : {}),
  });
}
