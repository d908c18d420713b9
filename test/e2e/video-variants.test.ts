/**
 * Web variants of a video, from its poster frame, through the compiled CLI against the emulator
 * (a real H.264 MP4 at the asked size): the files at the asked sizes (read from their own headers),
 * never upscaled, made from the middle frame, `agentframer.media.json` with the video's size and a
 * placeholder; a recipe change and a re-render re-derived; and without ffmpeg a run that still
 * succeeds, says what to do, and leaves the variants to a later run that has it (no job); a
 * SIGKILL while a video's variants are derived leaves no partial file and a lock that names only
 * whole files, and the next run finishes them with no job.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { ffmpeg, FFMPEG_PATH, heldFfmpeg } from "../support/ffmpeg.js";
import { declaredLength, readImageHeader } from "../support/image-headers.js";
import type { MediaJson } from "../support/media-json.js";
import { TEST_KEY, TestRepo } from "../support/render-repo.js";
import { tempDir } from "../support/temp-dir.js";

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

function startCli(env: Record<string, string>, ...args: string[]) {
  return spawnCli(
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
}

async function agentframer(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | string; out: string; err: string }> {
  const run = startCli(env, ...args);
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

/** Two videos with five variants each, for the kill tests. */
const TWO_CLIP_RECIPE = `    - { format: webp, widths: [160, 320, 640] }
    - { format: avif, widths: [320] }
    - { format: png, widths: [160] }`;
const TWO_CLIP_FILES = ["160.png", "160.webp", "320.avif", "320.webp", "640.webp"];

function twoClips(variants: string): string {
  const clip = (id: string, prompt: string) =>
    `  - { id: ${id}, model: af-video-1, prompt: "${prompt}", output: clips/${id}.mp4, params: { width: 640, height: 360, duration: 2 } }\n`;
  return `version: 1
defaults:
  variants:
${variants}
assets:
${clip("intro", "A paper boat drifting across a pond")}${clip("outro", "A red kite over a beach")}`;
}

/**
 * A render whose first video's frame comes from the real ffmpeg and whose second's is held until
 * the run is SIGKILLed: the kill lands inside a video's derivation, after another's files are
 * written, with no timing involved.
 */
async function killWhileDerivingTheSecond(): Promise<void> {
  const held = await heldFfmpeg(await tempDir("af-held-ffmpeg-"), 1);
  const run = startCli({ AGENTFRAMER_FFMPEG: held.path }, "render");
  await waitFor(held.held, 120_000, "the second video's ffmpeg");
  run.child.kill("SIGKILL");
  expect(await run.exited, run.stderr()).toBe("SIGKILL");
}

/** Each file is as long as its own structure says, and decodes whole at its header's size. */
async function expectWholeFiles(paths: readonly string[]): Promise<void> {
  for (const f of paths) {
    const bytes = await readFile(repo.path(f));
    expect(declaredLength(bytes), f).toBe(bytes.length);
    const own = readImageHeader(bytes);
    const decoded = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([decoded.info.width, decoded.info.height], f).toEqual([own.width, own.height]);
  }
}

/** Every variant file the lock names (current or stale) is there, with the SHA-256 it records. */
async function expectLockNamesOnlyItsBytes(): Promise<void> {
  for (const entry of Object.values((await repo.lock()).assets)) {
    for (const f of [...(entry.variants?.files ?? []), ...(entry.variants?.stale ?? [])]) {
      expect(await repo.sha256(f.path), f.path).toBe(f.sha256);
    }
  }
}

/** Both videos' variants recorded in the lock and listed in media.json, as specified. */
async function expectTwoClipsDerived(): Promise<void> {
  const lock = await repo.lock();
  const media = await mediaJson();
  expect(Object.keys(media.assets)).toEqual(["intro", "outro"]);
  for (const id of ["intro", "outro"]) {
    const entry = lock.assets[id]!;
    expect(entry.sha256).toBe(await repo.sha256(`clips/${id}.mp4`));
    expect(entry.variants!.files.map((f) => [f.path, f.format, f.width, f.height])).toEqual([
      [`clips/${id}-160.png`, "png", 160, 90],
      [`clips/${id}-160.webp`, "webp", 160, 90],
      [`clips/${id}-320.avif`, "avif", 320, 180],
      [`clips/${id}-320.webp`, "webp", 320, 180],
      [`clips/${id}-640.webp`, "webp", 640, 360],
    ]);
    for (const f of entry.variants!.files) {
      const bytes = await readFile(repo.path(f.path));
      expect(await repo.sha256(f.path), f.path).toBe(f.sha256);
      expect(f.bytes).toBe(bytes.length);
      expect(readImageHeader(bytes)).toEqual({
        format: f.format,
        width: f.width,
        height: f.height,
      });
    }
    const placeholder = /^data:image\/webp;base64,([A-Za-z0-9+/=]+)$/.exec(
      media.assets[id]!.placeholder,
    );
    expect(readImageHeader(Buffer.from(placeholder![1]!, "base64"))).toEqual({
      format: "webp",
      width: 16,
      height: 9,
    });
    expect(media.assets[id]).toEqual({
      output: `clips/${id}.mp4`,
      width: 640,
      height: 360,
      placeholder: entry.variants!.placeholder,
      variants: entry.variants!.files.map(({ sha256: _, ...v }) => v),
    });
  }
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

    // A recipe change on a machine without ffmpeg: nothing is replaced, so the lock keeps the
    // video's old record (naming its files as they are) and the change waits for ffmpeg.
    const derived = (await repo.lock()).assets.intro!.variants;
    await writeFile(
      repo.manifestPath,
      manifest("    - { format: webp, widths: [160], quality: 40 }"),
    );
    const waiting = await agentframer(without, "render");
    expect(waiting.code, waiting.err).toBe(0);
    expect(waiting.err).toContain("variants of intro not made:");
    expect((await repo.lock()).assets.intro!.variants).toEqual(derived);
    for (const f of derived!.files) expect(await repo.sha256(f.path)).toBe(f.sha256);
    expect((await agentframer(without, "plan")).out).toMatch(
      /unchanged\s+intro\s+clips\/intro\.mp4\s+\(variants changed/,
    );
    expect(emulator.ledger.jobs().length).toBe(jobs);
  }, 240_000);

  it("a SIGKILL while a video's variants are derived leaves no partial file, and the next run finishes them with no job", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { video: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, twoClips(TWO_CLIP_RECIPE));
    await killWhileDerivingTheSecond();
    const jobs = emulator.ledger.jobs().length;
    expect(jobs).toBe(2);

    // No temp file and nothing partial anywhere: the first video's five files, each whole; none
    // of the second's.
    const afterKill = await repo.files();
    expect(afterKill.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const variants = afterKill.filter((f) => /^clips\/.*-\d+\.(webp|avif|png)$/.test(f));
    const stems = new Set(variants.map((f) => /^clips\/(\w+)-/.exec(f)![1]));
    expect(stems.size).toBe(1);
    const [done] = [...stems];
    expect(variants.sort()).toEqual(TWO_CLIP_FILES.map((v) => `clips/${done}-${v}`));
    await expectWholeFiles(variants);
    // A run writes its lock at its end (or once a minute): killed seconds in, this one has none
    // yet, and the recipe-change test below is the one that checks a lock left by a kill.
    if (await repo.exists("agentframer.lock")) await expectLockNamesOnlyItsBytes();

    // The next run, with the real ffmpeg: both videos' variants, no job, nothing left over.
    const resumed = await agentframer(WITH_FFMPEG, "render");
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toContain("Variants: 10 files derived for 2 assets (no job)");
    expect(emulator.ledger.jobs().length).toBe(jobs);
    const files = await repo.files();
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("clips/"))).toEqual(
      ["intro", "outro"].flatMap((id) => [
        ...TWO_CLIP_FILES.map((v) => `clips/${id}-${v}`),
        `clips/${id}.mp4`,
      ]),
    );
    await expectTwoClipsDerived();
    expect((await agentframer(WITH_FFMPEG, "plan", "--check")).code).toBe(0);
  }, 240_000);

  it("a SIGKILL while a recipe change re-derives leaves a lock that names no replaced file; the recipe put back then re-derives, with no job", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { video: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, twoClips(TWO_CLIP_RECIPE));
    const rendered = await agentframer(WITH_FFMPEG, "render");
    expect(rendered.code, rendered.err).toBe(0);
    const jobs = emulator.ledger.jobs().length;
    const lockBefore = await repo.lock();

    // The same files at another quality: the first video's are replaced, then the run is killed.
    const lower = TWO_CLIP_RECIPE.replace(
      "widths: [160, 320, 640] }",
      "widths: [160, 320, 640], quality: 40 }",
    );
    await writeFile(repo.manifestPath, twoClips(lower));
    await killWhileDerivingTheSecond();
    expect((await repo.files()).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const [done, waiting] =
      (await repo.sha256("clips/intro-160.webp")) ===
      lockBefore.assets.intro!.variants!.files.find((f) => f.path === "clips/intro-160.webp")!
        .sha256
        ? ["outro", "intro"]
        : ["intro", "outro"];
    await expectWholeFiles(TWO_CLIP_FILES.map((v) => `clips/${done}-${v}`));
    await expectLockNamesOnlyItsBytes();
    // Before anything was replaced, the lock stopped naming the files the run was to write
    // (all five of each video), and marked both records to be derived again.
    const lock = await repo.lock();
    for (const id of ["intro", "outro"]) {
      expect(lock.assets[id]!.sha256).toBe(lockBefore.assets[id]!.sha256);
      expect(lock.assets[id]!.variants).toMatchObject({ recipe: "0", files: [] });
    }
    expect(lock.assets[waiting]!.variants!.placeholder).toBe(
      lockBefore.assets[waiting]!.variants!.placeholder,
    );

    // Put back the recipe the lock was written with: the replaced files are not taken for files
    // edited by hand; they are derived again, with no job.
    await writeFile(repo.manifestPath, twoClips(TWO_CLIP_RECIPE));
    const plan = await agentframer(WITH_FFMPEG, "plan");
    expect(plan.out).not.toContain("variants modified");
    for (const id of ["intro", "outro"]) {
      expect(plan.out).toMatch(
        new RegExp(`unchanged\\s+${id}\\s+clips/${id}\\.mp4\\s+\\(variants changed`),
      );
    }
    const resumed = await agentframer(WITH_FFMPEG, "render");
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toContain("Variants: 10 files derived for 2 assets (no job)");
    expect(emulator.ledger.jobs().length).toBe(jobs);
    await expectTwoClipsDerived();
    for (const f of lockBefore.assets[done]!.variants!.files) {
      expect(await repo.sha256(f.path), f.path).toBe(f.sha256);
    }
  }, 240_000);
});
