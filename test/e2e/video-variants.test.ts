/**
 * Web variants of a video, from its poster frame, through the compiled CLI against the emulator
 * (a real H.264 MP4 at the asked size): the files at the asked sizes (read from their own headers),
 * never upscaled, made from the middle frame, `agentframer.media.json` with the video's size and a
 * placeholder; a recipe change and a re-render re-derived; and without ffmpeg a run that still
 * succeeds, says what to do, and leaves the variants to a later run that has it (no job).
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { compileCli, spawnCli } from "../support/built-cli.js";
import { ffmpeg, FFMPEG_PATH } from "../support/ffmpeg.js";
import { readImageHeader } from "../support/image-headers.js";
import type { MediaJson } from "../support/media-json.js";
import { TEST_KEY, TestRepo } from "../support/render-repo.js";

let cli: Awaited<ReturnType<typeof compileCli>>;
let emulator: Emulator;
let repo: TestRepo;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);
afterEach(async () => {
  await emulator?.close();
  await repo?.remove();
});

/** The test's PATH less every folder that holds an ffmpeg: this machine as one without it. */
const PATH_WITHOUT_FFMPEG = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !existsSync(join(dir, "ffmpeg")))
  .join(delimiter);
const WITH_FFMPEG = { AGENTFRAMER_FFMPEG: FFMPEG_PATH };

async function agentframer(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | string; out: string; err: string }> {
  const run = spawnCli(
    cli.main,
    args,
    {
      AGENTFRAMER_API_URL: emulator.apiUrl,
      AGENTFRAMER_API_KEY: TEST_KEY,
      CI: "1",
      NO_COLOR: "1",
      ...env,
    },
    repo.dir,
  );
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

const RECIPE = `    - { format: webp, widths: [160, 320, 1280] }
    - { format: avif, widths: [320] }`;

function manifest(variants: string, prompt = "A paper boat drifting across a pond"): string {
  return `version: 1
defaults:
  model: flux-1.1-pro
  variants:
${variants}
assets:
  - id: intro
    model: af-video-1
    prompt: ${prompt}
    output: clips/intro.mp4
    params: { width: 640, height: 360, duration: 2 }
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
    params: { width: 320, height: 240 }
  - id: jingle
    model: af-audio-1
    prompt: Rain on a tin roof
    output: sound/jingle.wav
    params: { duration: 1 }
`;
}

async function header(path: string) {
  return readImageHeader(await readFile(repo.path(path)));
}

async function mediaJson(): Promise<MediaJson> {
  return JSON.parse(await readFile(repo.path("agentframer.media.json"), "utf8")) as MediaJson;
}

/** The video's frame at `seconds`, as ffmpeg itself decodes it, in RGB at `width`×`height`. */
function referenceFrame(seconds: number, width: number, height: number): Buffer {
  const out = ffmpeg(
    "-v",
    "error",
    "-ss",
    String(seconds),
    "-i",
    repo.path("clips/intro.mp4"),
    "-frames:v",
    "1",
    "-vf",
    `scale=${width}:${height}`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "-",
  );
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe("web variants of a video", () => {
  it("are made from its middle frame at the asked widths, never upscaled, listed in media.json; a recipe change and a re-render re-derive them", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 5, maxMs: 20 }, video: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, manifest(RECIPE));

    const plan = await agentframer(WITH_FFMPEG, "plan");
    expect(plan.err).not.toContain("ffmpeg");
    expect(plan.out).toMatch(
      /intro .*width 1280 not made: above the video's own \(never upscaled\)/,
    );

    const render = await agentframer(WITH_FFMPEG, "render");
    expect(render.code, render.err).toBe(0);
    expect(render.err).toContain("Variants: 6 files derived for 2 assets (no job)");
    expect(await header("clips/intro-160.webp")).toEqual({
      format: "webp",
      width: 160,
      height: 90,
    });
    expect(await header("clips/intro-320.webp")).toEqual({
      format: "webp",
      width: 320,
      height: 180,
    });
    expect(await header("clips/intro-320.avif")).toEqual({
      format: "avif",
      width: 320,
      height: 180,
    });
    // Never upscaled; audio has no picture, so the defaults pass it by.
    expect((await repo.files()).filter((f) => /^(clips|sound)\//.test(f))).toEqual([
      "clips/intro-160.webp",
      "clips/intro-320.avif",
      "clips/intro-320.webp",
      "clips/intro.mp4",
      "sound/jingle.wav",
    ]);

    // The frame is the middle one (the emulator's disc slides across the clip): the variant is
    // close to ffmpeg's own decode at 1 s of 2, and far from the first frame.
    const { data: made } = await sharp(await readFile(repo.path("clips/intro-320.webp")))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const middle = meanDifference(made, referenceFrame(1, 320, 180));
    const first = meanDifference(made, referenceFrame(0, 320, 180));
    expect(middle).toBeLessThan(4);
    expect(first).toBeGreaterThan(middle * 2);

    const media = await mediaJson();
    expect(Object.keys(media.assets)).toEqual(["hero", "intro"]);
    const intro = media.assets.intro!;
    expect(Object.keys(intro)).toEqual(["output", "width", "height", "placeholder", "variants"]);
    expect(intro).toMatchObject({ output: "clips/intro.mp4", width: 640, height: 360 });
    const placeholder = /^data:image\/webp;base64,([A-Za-z0-9+/=]+)$/.exec(intro.placeholder);
    expect(readImageHeader(Buffer.from(placeholder![1]!, "base64"))).toEqual({
      format: "webp",
      width: 16,
      height: 9,
    });
    expect(intro.variants.map((v) => v.path)).toEqual([
      "clips/intro-160.webp",
      "clips/intro-320.avif",
      "clips/intro-320.webp",
    ]);
    for (const v of intro.variants) {
      const bytes = await readFile(repo.path(v.path));
      const own = readImageHeader(bytes);
      expect(v).toEqual({ ...own, path: v.path, bytes: bytes.length });
    }
    const locked = (await repo.lock()).assets.intro!.variants!;
    for (const f of locked.files) expect(await repo.sha256(f.path)).toBe(f.sha256);
    // The same list for an image has another recipe: a video's records how its frame is taken.
    expect(locked.recipe).not.toBe((await repo.lock()).assets.hero!.variants!.recipe);

    // A second run changes nothing: no job, nothing derived.
    const jobs = emulator.ledger.jobs().length;
    expect(jobs).toBe(3);
    const again = await agentframer(WITH_FFMPEG, "render");
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toContain("Variants:");
    expect(emulator.ledger.jobs().length).toBe(jobs);

    // A recipe change: `variants changed`, derived again with no job.
    const before160 = await repo.sha256("clips/intro-160.webp");
    await writeFile(
      repo.manifestPath,
      manifest("    - { format: webp, widths: [160], quality: 40 }"),
    );
    const changed = await agentframer(WITH_FFMPEG, "plan");
    expect(changed.out).toMatch(/unchanged\s+intro\s+clips\/intro\.mp4\s+\(variants changed/);
    const rederived = await agentframer(WITH_FFMPEG, "render");
    expect(rederived.code, rederived.err).toBe(0);
    expect(rederived.err).toContain("Variants: 2 files derived for 2 assets (no job)");
    expect(emulator.ledger.jobs().length).toBe(jobs);
    expect(await repo.sha256("clips/intro-160.webp")).not.toBe(before160);
    expect((await mediaJson()).assets.intro!.variants.map((v) => v.path)).toEqual([
      "clips/intro-160.webp",
    ]);
    expect((await agentframer(WITH_FFMPEG, "plan")).out).toContain(
      "2 stale variants: prune removes",
    );

    // A variant edited by hand is `modified`, as an output is.
    const derived160 = await readFile(repo.path("clips/intro-160.webp"));
    await repo.write("clips/intro-160.webp", "edited by hand");
    expect((await agentframer(WITH_FFMPEG, "plan")).out).toContain(
      "variants modified: clips/intro-160.webp",
    );
    await writeFile(repo.path("clips/intro-160.webp"), derived160);

    // A re-render (a new prompt, a new video) derives its variants again, from the new frame.
    await writeFile(
      repo.manifestPath,
      manifest("    - { format: webp, widths: [160], quality: 40 }", "A red kite over a beach"),
    );
    const rerendered = await agentframer(WITH_FFMPEG, "render");
    expect(rerendered.code, rerendered.err).toBe(0);
    expect(emulator.ledger.jobs().length).toBe(jobs + 1);
    expect(rerendered.err).toContain("Variants: 1 file derived for 1 asset (no job)");
    expect(await repo.sha256("clips/intro-160.webp")).not.toBe(
      createHash("sha256").update(derived160).digest("hex"),
    );
    const relocked = (await repo.lock()).assets.intro!;
    expect(relocked.sha256).toBe(await repo.sha256("clips/intro.mp4"));
    expect(relocked.variants!.files.map((f) => [f.path, f.sha256])).toEqual([
      ["clips/intro-160.webp", await repo.sha256("clips/intro-160.webp")],
    ]);

    // prune owns a video's variants as an image's: the old recipe's files go.
    const pruned = await agentframer(WITH_FFMPEG, "prune");
    expect(pruned.code, pruned.err).toBe(0);
    expect((await repo.files()).filter((f) => f.startsWith("clips/"))).toEqual([
      "clips/intro-160.webp",
      "clips/intro.mp4",
    ]);
  }, 240_000);

  it("without ffmpeg the run succeeds (exit 0) with a warning, and a later run with ffmpeg derives them with no job", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 5, maxMs: 20 }, video: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, manifest(RECIPE));
    const without = {
      AGENTFRAMER_FFMPEG: join(repo.dir, "no-ffmpeg-here"),
      PATH: PATH_WITHOUT_FFMPEG,
    };

    // `plan` says so before anything is rendered.
    const NOTE =
      "agentframer: warning: the variants of intro come from a poster frame, which needs ffmpeg, and AGENTFRAMER_FFMPEG names no executable file: a render writes the video but not its variants until ffmpeg is installed or AGENTFRAMER_FFMPEG names it";
    expect((await agentframer(without, "plan")).err).toContain(NOTE);

    const render = await agentframer(without, "render");
    expect(render.code, render.err).toBe(0);
    expect(render.err).toContain(
      "variants of intro not made: a video's variants come from its poster frame, which needs ffmpeg, and AGENTFRAMER_FFMPEG names no executable file. Install ffmpeg (apt install ffmpeg, brew install ffmpeg) or set AGENTFRAMER_FFMPEG to its absolute path; the next run derives them, with no job",
    );
    expect(render.err).toContain(
      "Variants: 3 files derived for 1 asset (no job), 1 waiting for ffmpeg (see above)",
    );
    // The video itself is written and locked; only its variants wait. The image's are made.
    const lock = await repo.lock();
    expect(lock.assets.intro!.sha256).toBe(await repo.sha256("clips/intro.mp4"));
    expect(lock.assets.intro!.variants).toBeUndefined();
    expect((await repo.files()).filter((f) => f.startsWith("clips/"))).toEqual(["clips/intro.mp4"]);
    expect(Object.keys((await mediaJson()).assets)).toEqual(["hero"]);

    // Without ffmpeg `PATH` alone: the same, and `plan` shows them still to derive.
    const pathOnly = await agentframer({ PATH: PATH_WITHOUT_FFMPEG }, "render");
    expect(pathOnly.code, pathOnly.err).toBe(0);
    expect(pathOnly.err).toContain("which needs ffmpeg, and ffmpeg was not found on PATH.");
    const plan = await agentframer({ PATH: PATH_WITHOUT_FFMPEG }, "plan");
    expect(plan.out).toMatch(/unchanged\s+intro\s+clips\/intro\.mp4\s+\(variants changed/);
    expect(plan.out).toContain("0 to render; variants to derive for 1 (no job)");
    expect(plan.err).toContain("needs ffmpeg, and ffmpeg was not found on PATH: a render writes");
    expect((await agentframer(WITH_FFMPEG, "plan")).err).not.toContain("ffmpeg");

    const jobs = emulator.ledger.jobs().length;
    expect(jobs).toBe(3);
    const later = await agentframer(WITH_FFMPEG, "render");
    expect(later.code, later.err).toBe(0);
    expect(later.err).toContain("Variants: 3 files derived for 1 asset (no job)");
    expect(later.err).not.toContain("ffmpeg");
    expect(emulator.ledger.jobs().length).toBe(jobs);
    expect(await header("clips/intro-320.avif")).toEqual({
      format: "avif",
      width: 320,
      height: 180,
    });
    expect((await mediaJson()).assets.intro).toMatchObject({
      output: "clips/intro.mp4",
      width: 640,
      height: 360,
    });
    expect(statSync(repo.path("clips/intro.mp4")).size).toBeGreaterThan(0);
  }, 240_000);
});
