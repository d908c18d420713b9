import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ffmpeg, FFMPEG_PATH } from "../../../test/support/ffmpeg.js";
import { readImageHeader } from "../../../test/support/image-headers.js";
import { tempDirSync } from "../../../test/support/temp-dir.js";
import { extractFrame, PosterError } from "./ffmpeg-tool.js";
import { posterFrame, videoDurationSeconds } from "./poster-frame.js";

const dir = tempDirSync("af-poster-frame-");

/** A test-pattern H.264 MP4 made by ffmpeg itself, `sar` its sample aspect ratio. */
function video(name: string, size: string, seconds: number, sar = "1/1"): string {
  const file = join(dir, name);
  const made = ffmpeg(
    ...[
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `testsrc=size=${size}:rate=24:duration=${seconds}`,
    ],
    ...["-vf", `setsar=${sar}`, "-c:v", "libx264", "-pix_fmt", "yuv420p", file],
  );
  expect(made.status, made.stderr).toBe(0);
  return file;
}

describe("a video's poster frame", () => {
  it("is a PNG at the video's own size, with square pixels, scaled down (never up) only when asked", async () => {
    const square = video("square.mp4", "320x180", 2);
    expect(await videoDurationSeconds(square)).toBe(2);
    const full = await posterFrame(FFMPEG_PATH, square, 2);
    expect(readImageHeader(full)).toEqual({ format: "png", width: 320, height: 180 });
    expect(readImageHeader(await posterFrame(FFMPEG_PATH, square, 2, { maxWidth: 160 }))).toEqual({
      format: "png",
      width: 160,
      height: 90,
    });
    expect(
      readImageHeader(await posterFrame(FFMPEG_PATH, square, 2, { maxWidth: 4000 })).width,
    ).toBe(320);

    // Samples twice as wide as tall: a player shows 640×180, and so does the frame.
    const wide = video("anamorphic.mp4", "320x180", 1, "2/1");
    expect(readImageHeader(await posterFrame(FFMPEG_PATH, wide, 1))).toEqual({
      format: "png",
      width: 640,
      height: 180,
    });
  });

  it("never follows a playlist committed under a .mp4 name to another file, as plain ffmpeg does", async () => {
    const elsewhere = join(dir, "elsewhere.ts");
    const made = ffmpeg(
      ...["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=24:duration=1"],
      ...["-c:v", "libx264", "-pix_fmt", "yuv420p", elsewhere],
    );
    expect(made.status, made.stderr).toBe(0);
    const playlist = join(dir, "clip.mp4");
    writeFileSync(
      playlist,
      `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${elsewhere}\n#EXT-X-ENDLIST\n`,
    );
    // The threat is real: left to guess the format, ffmpeg reads the other file's frame.
    const guessed = ffmpeg(
      "-v",
      "error",
      "-i",
      playlist,
      "-frames:v",
      "1",
      "-f",
      "image2pipe",
      "-c:v",
      "png",
      "-",
    );
    expect(readImageHeader(guessed.stdout)).toEqual({ format: "png", width: 64, height: 48 });

    await expect(posterFrame(FFMPEG_PATH, playlist, 1)).rejects.toThrow(PosterError);
  });

  it("asks for no frame at a time that is not one (a hostile movie header)", async () => {
    const square = video("short.mp4", "64x48", 1);
    for (const at of [Number.NaN, -1, Number.POSITIVE_INFINITY, 1e30]) {
      await expect(extractFrame(FFMPEG_PATH, square, { atSeconds: at })).rejects.toThrow(
        PosterError,
      );
    }
    // Ctrl-C stops ffmpeg.
    await expect(
      extractFrame(FFMPEG_PATH, square, { atSeconds: 0, signal: AbortSignal.abort() }),
    ).rejects.toThrow("ffmpeg was stopped reading the video");
    // Past the end there is no frame, and that is an error, not an empty picture.
    await expect(extractFrame(FFMPEG_PATH, square, { atSeconds: 50 })).rejects.toThrow(
      /no frame|failed/,
    );
  });
});
