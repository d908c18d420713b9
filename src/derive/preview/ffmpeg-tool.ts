import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve as absolute } from "node:path";

/**
 * ffmpeg, which a video's poster frame needs (its review preview and its web variants; nothing
 * else does). It is not bundled: GitHub's Ubuntu runners have it installed, and on a laptop the
 * OS package manager brings it. Found once per
 * run: `AGENTFRAMER_FFMPEG` (an absolute path) when set, else the first `ffmpeg` on `PATH`, where
 * only absolute folders count — never the working directory, which a pull request controls.
 */
export type FfmpegLookup = { found: true; path: string } | { found: false; why: string };

export const FFMPEG_ENV = "AGENTFRAMER_FFMPEG";
/** A frame is decoded in well under a second; a hung ffmpeg is stopped after this. */
const FRAME_TIMEOUT_MS = 60_000;

/**
 * A full-size frame of a 4K video is about 25 MB as PNG (less for anything but noise); more is
 * refused, and so is more than this of error text.
 */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** No frame larger than the image library decodes (derive/encode.ts): ffmpeg refuses it first. */
const MAX_FRAME_PIXELS = 8192 * 8192;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findFfmpeg(
  env: NodeJS.ProcessEnv,
  isExecutable: (path: string) => boolean = isExecutableFile,
): FfmpegLookup {
  const chosen = env[FFMPEG_ENV];
  if (chosen !== undefined && chosen !== "") {
    if (!isAbsolute(chosen)) return { found: false, why: `${FFMPEG_ENV} must be an absolute path` };
    return isExecutable(chosen)
      ? { found: true, path: chosen }
      : { found: false, why: `${FFMPEG_ENV} names no executable file` };
  }
  const names = process.platform === "win32" ? ["ffmpeg.exe"] : ["ffmpeg"];
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    for (const name of names) {
      const path = join(dir, name);
      if (isExecutable(path)) return { found: true, path };
    }
  }
  return { found: false, why: "ffmpeg was not found on PATH" };
}

/** ffmpeg ran but gave no frame. */
export class PosterError extends Error {
  override readonly name = "PosterError";
}

export interface FrameRequest {
  atSeconds: number;
  /** Scale down to at most this width; absent, the frame keeps the video's own size. */
  maxWidth?: number;
  /** Stops ffmpeg (Ctrl-C during a render). */
  signal?: AbortSignal;
}

/**
 * The frame of `file` at `atSeconds`, as PNG bytes, with square pixels (a video whose samples
 * are not square is stretched as a player shows it), never scaled up.
 *
 * The file is whatever a pull request committed, so ffmpeg is told what to expect rather than
 * left to guess: MP4 only (a playlist or a concat list named `.mp4` would otherwise make it open
 * other files or URLs), local files only, no frame larger than MAX_FRAME_PIXELS, and no external
 * data references (off in ffmpeg by default). It runs with arguments (never a shell), an empty
 * environment (it needs none, and sees no secret), a deadline (then SIGKILL), and bounded output.
 */
export function extractFrame(
  ffmpegPath: string,
  file: string,
  { atSeconds, maxWidth, signal }: FrameRequest,
): Promise<Buffer> {
  if (!Number.isFinite(atSeconds) || atSeconds < 0 || atSeconds > 1e9) {
    return Promise.reject(new PosterError(`no frame at ${atSeconds} s`));
  }
  const filters = ["scale=w='max(1,round(iw*sar))':h=ih", "setsar=1"];
  if (maxWidth !== undefined) filters.push(`scale='min(${maxWidth},iw)':-2`);
  const args = [
    "-nostdin",
    "-hide_banner",
    "-v",
    "error",
    "-protocol_whitelist",
    "file",
    "-f",
    "mp4",
    "-max_pixels",
    String(MAX_FRAME_PIXELS),
    "-ss",
    atSeconds.toFixed(3),
    "-i",
    `file:${absolute(file)}`,
    "-frames:v",
    "1",
    "-vf",
    filters.join(","),
    "-f",
    "image2pipe",
    "-c:v",
    "png",
    "-",
  ];
  return new Promise((resolve, reject) => {
    execFile(
      ffmpegPath,
      args,
      {
        encoding: "buffer",
        env: {},
        timeout: FRAME_TIMEOUT_MS,
        // A decoder stuck on a hostile file may never look at a polite SIGTERM.
        killSignal: "SIGKILL",
        ...(signal ? { signal } : {}),
        maxBuffer: MAX_FRAME_BYTES,
        windowsHide: true,
      },
      (error, stdout) => {
        if (error) {
          reject(new PosterError(`ffmpeg ${ffmpegFailure(error, signal)} reading the video`));
        } else if (stdout.length === 0) reject(new PosterError("ffmpeg gave no frame"));
        else resolve(stdout);
      },
    );
  });
}

/** What went wrong, in words: stopped, out of time, a frame too big, or ffmpeg's own exit code. */
function ffmpegFailure(
  error: Error & { code?: unknown; killed?: boolean },
  signal: AbortSignal | undefined,
): string {
  if (error.name === "AbortError" || signal?.aborted) return "was stopped";
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
    return `gave a frame over ${MAX_FRAME_BYTES / (1024 * 1024)} MB`;
  if (error.killed) return `took longer than ${FRAME_TIMEOUT_MS / 1000} s`;
  return `failed (exit ${String(error.code ?? "?")})`;
}
