/**
 * The review preview of one output: a small WebP a PR comment can show in place of the full
 * file — the picture itself for an image, a poster frame for a video, a waveform for audio —
 * plus the length of a video or audio file. Never throws: anything that cannot be made becomes
 * a note that says why, and the run goes on.
 */
import { open } from "node:fs/promises";
import type { AssetType } from "../../manifest/types.js";
import type { ImageLib } from "../image-lib.js";
import type { FfmpegLookup } from "./ffmpeg-tool.js";
import { MediaFileReader } from "./media-file-reader.js";
import { mp4DurationSeconds } from "./mp4-duration.js";
import { posterFrame } from "./poster-frame.js";
import { drawWaveform } from "./waveform-image.js";
import { wavPeaks } from "./wav-peaks.js";

/** Twice the comment's 280-pixel column, so it stays sharp on high-density screens. */
export const PREVIEW_WIDTH = 560;
export const WAVEFORM_HEIGHT = 120;
const WEBP_QUALITY = 80;

export interface PreviewImage {
  bytes: Buffer;
  format: "webp";
  width: number;
  height: number;
}

export interface Preview {
  image?: PreviewImage;
  /** The length of a video or audio file. */
  durationSeconds?: number;
  /** Why there is no image, for the reader (our own words). */
  note?: string;
}

export interface PreviewTools {
  loadImageLib(): Promise<ImageLib>;
  ffmpeg: FfmpegLookup;
}

/** `signal` stops ffmpeg (a video's poster frame): the preview is then not made, and says so. */
export async function makePreview(
  file: string,
  type: AssetType,
  tools: PreviewTools,
  signal?: AbortSignal,
): Promise<Preview> {
  let durationSeconds: number | undefined;
  try {
    const handle = await open(file, "r");
    try {
      const reader = new MediaFileReader(handle, (await handle.stat()).size);
      if (type === "image") return { image: await webp(tools, file) };
      if (type === "video") {
        durationSeconds = await mp4DurationSeconds(reader);
        if (!tools.ffmpeg.found)
          return { durationSeconds, note: `no poster: ${tools.ffmpeg.why} (see docs/action.md)` };
        const frame = await posterFrame(tools.ffmpeg.path, file, durationSeconds, {
          maxWidth: PREVIEW_WIDTH,
          ...(signal ? { signal } : {}),
        });
        return { durationSeconds, image: await webp(tools, frame) };
      }
      const peaks = await wavPeaks(reader, PREVIEW_WIDTH);
      durationSeconds = peaks.durationSeconds;
      const raw = drawWaveform(peaks, WAVEFORM_HEIGHT);
      const lib = await tools.loadImageLib();
      const { data, info } = await lib(raw.pixels, {
        raw: { width: raw.width, height: raw.height, channels: raw.channels },
      })
        .webp({ lossless: true })
        .toBuffer({ resolveWithObject: true });
      return {
        durationSeconds,
        image: { bytes: data, format: "webp", width: info.width, height: info.height },
      };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const what = type === "video" ? "poster" : type === "audio" ? "waveform" : "preview";
    return {
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      note: `no ${what}: ${(error as Error).message}`,
    };
  }
}

/** An image (a file, or PNG bytes) at most PREVIEW_WIDTH wide, as WebP. */
async function webp(tools: PreviewTools, input: string | Buffer): Promise<PreviewImage> {
  const lib = await tools.loadImageLib();
  const { data, info } = await lib(input)
    .resize({ width: PREVIEW_WIDTH, withoutEnlargement: true })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, format: "webp", width: info.width, height: info.height };
}
