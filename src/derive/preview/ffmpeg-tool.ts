import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * ffmpeg, which video posters need (nothing else does). It is not bundled: GitHub's Ubuntu
 * runners have it installed, and on a laptop the OS package manager brings it. Found once per
 * run: `AGENTFRAMER_FFMPEG` (an absolute path) when set, else the first `ffmpeg` on `PATH`, where
 * only absolute folders count — never the working directory, which a pull request controls.
 */
export type FfmpegLookup = { found: true; path: string } | { found: false; why: string };

export const FFMPEG_ENV = "AGENTFRAMER_FFMPEG";
/** A frame is decoded in well under a second; a hung ffmpeg is stopped after this. */
const POSTER_TIMEOUT_MS = 60_000;
/** A 560-pixel-wide PNG frame is at most a few megabytes; more is refused. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

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

/**
 * One frame of `file` at `atSeconds`, scaled to at most `width` pixels wide, as PNG bytes.
 * ffmpeg runs with an empty environment (it needs none, and sees no secret) and a deadline.
 */
export function extractFrame(
  ffmpegPath: string,
  file: string,
  atSeconds: number,
  width: number,
): Promise<Buffer> {
  const args = [
    "-nostdin",
    "-hide_banner",
    "-v",
    "error",
    "-ss",
    atSeconds.toFixed(3),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `scale='min(${width},iw)':-2`,
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
        timeout: POSTER_TIMEOUT_MS,
        maxBuffer: MAX_FRAME_BYTES,
        windowsHide: true,
      },
      (error, stdout) => {
        if (error) {
          const how = error.killed ? "was stopped" : `failed (exit ${String(error.code ?? "?")})`;
          reject(new PosterError(`ffmpeg ${how} reading the video`));
        } else if (stdout.length === 0) reject(new PosterError("ffmpeg gave no frame"));
        else resolve(stdout);
      },
    );
  });
}
