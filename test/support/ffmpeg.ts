/**
 * The real decoder the tests check media with: the ffmpeg binary that the devDependency
 * `@ffmpeg-installer/ffmpeg` ships inside its npm package (a static build), so `npm ci` brings it
 * with no download of its own and no system package.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const FFMPEG_PATH: string = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;

export interface Ffmpeg {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

export function ffmpeg(...args: string[]): Ffmpeg {
  const result = spawnSync(FFMPEG_PATH, ["-nostdin", "-hide_banner", ...args], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

export interface StreamInfo {
  /** e.g. "h264 (Constrained Baseline)", "png", "webp", "pcm_s16le". */
  codec: string;
  width?: number;
  height?: number;
  pixelFormat?: string;
  /** From the container's "Duration:" line, in seconds. */
  durationSeconds?: number;
}

/** What `ffmpeg -i FILE` says of the first stream (the binary ships without ffprobe). */
export function probe(file: string): StreamInfo {
  const { stderr } = ffmpeg("-i", file);
  const stream = /Stream #0:0.*?: (?:Video|Audio): (.+)/.exec(stderr)?.[1];
  if (stream === undefined) throw new Error(`ffmpeg found no stream in ${file}:\n${stderr}`);
  const codec = (stream.split(",")[0] ?? "").replace(/ \([^()]*\/ 0x[0-9a-f]+\)/, "").trim();
  const size = /, (\d+)x(\d+)/.exec(stream);
  const pixelFormat = /, (yuv\w+|rgb\w+|gray\w*|bgr\w+|pal8|ya8)/.exec(stream)?.[1];
  const duration = /Duration: (\d+):(\d+):(\d+\.\d+)/.exec(stderr);
  return {
    codec,
    ...(size ? { width: Number(size[1]), height: Number(size[2]) } : {}),
    ...(pixelFormat ? { pixelFormat } : {}),
    ...(duration
      ? {
          durationSeconds:
            Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
        }
      : {}),
  };
}

/** Every frame decoded to raw 4:2:0 planes; `stderr` holds any decoding error. */
export function decodeYuv420(file: string): Ffmpeg {
  return ffmpeg("-v", "error", "-i", file, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-");
}
