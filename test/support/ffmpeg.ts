/**
 * The real decoder the tests check media with: the ffmpeg binary that the devDependency
 * `@ffmpeg-installer/ffmpeg` ships inside its npm package (a static build), so `npm ci` brings it
 * with no download of its own and no system package.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

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

export interface HeldFfmpeg {
  /** The stand-in's path, for AGENTFRAMER_FFMPEG. */
  path: string;
  /** Whether a call past the first `passThrough` has started, and is now held. */
  held(): boolean;
}

/**
 * An ffmpeg stand-in for a kill test: the first `passThrough` calls run the real ffmpeg; the next
 * one marks that it has started and then reads its standard input, which the tool holds open and
 * never writes, so it returns only when the tool is gone (a SIGKILL closes the pipe, and the
 * stand-in exits with it; nothing is left behind). A test waits for `held()` and then knows the
 * tool is inside that derivation, with no timing involved. The tool runs ffmpeg with an empty
 * environment, so the script names everything by absolute path and uses only shell built-ins.
 */
export async function heldFfmpeg(dir: string, passThrough: number): Promise<HeldFfmpeg> {
  if (/['\\\n]/.test(dir) || /['\\\n]/.test(FFMPEG_PATH)) {
    throw new Error(`a path the stand-in script cannot quote: ${dir} or ${FFMPEG_PATH}`);
  }
  const calls = join(dir, "calls");
  const heldMark = join(dir, "held");
  await mkdir(calls);
  const script = join(dir, "ffmpeg");
  const passes = Array.from(
    { length: passThrough },
    (_, i) =>
      `if mkdir '${join(calls, String(i))}' 2>/dev/null; then exec '${FFMPEG_PATH}' "$@"; fi`,
  );
  await writeFile(
    script,
    ["#!/bin/sh", ...passes, `: > '${heldMark}'`, "read -r _ || true", "exit 1", ""].join("\n"),
    { mode: 0o755 },
  );
  return { path: script, held: () => existsSync(heldMark) };
}
