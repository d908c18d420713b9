/**
 * Review previews through the built action: a pull request adds an image, a video and an audio
 * file; the PR comment shows each from the store as a small WebP — the picture, a poster frame,
 * a waveform — linking to the full file, with the length of the video and the audio. Without
 * ffmpeg the run still succeeds, and the video's cell says why it has no poster.
 *
 * The video asks for web variants: a second run that commits to the PR's branch (from a fresh
 * checkout, restoring the renders from the store) commits them at their sizes with the lock
 * recording them; without ffmpeg both runs succeed, warn with a workflow annotation at the
 * video's line, and commit no variant.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Lockfile } from "../../src/state/lock-types.js";
import { ffmpeg, FFMPEG_PATH } from "../support/ffmpeg.js";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { readImageHeader } from "../support/image-headers.js";
import { allowPartialClone } from "../support/store-remote.js";
import { tempDirSync } from "../support/temp-dir.js";
import { MEDIA_MANIFEST } from "./fixtures.js";
import { prEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
const dir = tempDirSync("af-previews-");

/** The video asks for web variants (from its poster frame); the image and the audio do not. */
const MANIFEST = MEDIA_MANIFEST.replace(
  "    output: public/clip.mp4\n",
  `    output: public/clip.mp4
    variants:
      - { format: webp, widths: [320, 640] }
      - { format: avif, widths: [480] }
`,
);
const CLIP_VARIANTS = ["public/clip-320.webp", "public/clip-480.avif", "public/clip-640.webp"];

const STORE_LINK = /^https:\/\/github\.com\/octo\/media\/blob\/([0-9a-f]{40})\/([^"?]+)\?raw=true$/;

interface Cell {
  /** The full file the cell links to, and the preview image it shows, as store commit:path. */
  full: string;
  preview?: string;
  text: string;
}

/** The "After" cell of each rendered row, by asset id. */
function afterCells(body: string): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const line of body.split("\n")) {
    const id = /^\| <code>([a-z]+)<\/code>/.exec(line)?.[1];
    const after = line.split(" | ").at(-1) ?? "";
    const full = /<a href="([^"]+)">/.exec(after)?.[1];
    if (!id || !full) continue;
    const preview = /<img src="([^"]+)"/.exec(after)?.[1];
    const at = (url: string): string => {
      const match = STORE_LINK.exec(url);
      if (!match) throw new Error(`not a store link: ${url}`);
      return `${match[1]}:${decodeURIComponent(match[2]!)}`;
    };
    cells.set(id, { full: at(full), ...(preview ? { preview: at(preview) } : {}), text: after });
  }
  return cells;
}

function blob(rev: string): Buffer {
  return execFileSync("git", ["cat-file", "blob", rev], {
    cwd: h.remote.bare,
    env: { ...process.env, ...GIT_TEST_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function prRun(env: NodeJS.ProcessEnv) {
  h.stub = await startGitHubStub();
  h.remote = createGitRemote({ "README.md": "media\n" });
  allowPartialClone(h.remote.bare);
  const base = h.remote.remoteHead();
  h.remote.git(["checkout", "--quiet", "-b", "feature"]);
  h.commitLocally({ "agentframer.yml": MANIFEST }, "an image, a video and a jingle");
  const run = await h.run(
    "pull_request",
    prEvent(5, base),
    {},
    { GITHUB_HEAD_REF: "feature", ...env },
  );
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.outputs.rendered).toBe("3");
  const body = h.stub.commentsOn(5)[0]?.body ?? "";
  return { run, body, cells: afterCells(body) };
}

function blobSha256(rev: string): string {
  return createHash("sha256").update(blob(rev)).digest("hex");
}

/**
 * The next workflow run on the PR's branch, from a fresh checkout, told to commit: the renders
 * come back from the store (no job), the variants are derived, and the commit is pushed.
 */
async function commitRun(env: NodeJS.ProcessEnv) {
  h.freshCheckout();
  const jobs = h.emulator.ledger.jobs().length;
  const run = await h.run(
    "pull_request",
    prEvent(5, h.remote.remoteHead()),
    { publish: "commit" },
    { GITHUB_HEAD_REF: "feature", ...env },
  );
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(h.emulator.ledger.jobs().length).toBe(jobs);
  const head = h.remote.git(["rev-parse", "refs/heads/feature"], h.remote.bare).trim();
  expect(run.outputs["commit-sha"]).toBe(head);
  const lock = JSON.parse(blob(`${head}:agentframer.lock`).toString("utf8")) as Lockfile;
  return { run, head, files: h.remote.filesIn(head), lock };
}

/** The workflow annotations about variants in a run's log. */
function variantWarnings(stdout: string): string[] {
  return stdout.split("\n").filter((line) => /^::warning .*::variants of /.test(line));
}

/** The line in the manifest where the video is declared: where its annotation points. */
const CLIP_LINE = MANIFEST.split("\n").indexOf("  - id: clip") + 1;

describe("review previews in the PR comment", () => {
  it("shows a thumbnail, a poster frame and a waveform from the store, each linking to its file", async () => {
    const { run, body, cells } = await prRun({ AGENTFRAMER_FFMPEG: FFMPEG_PATH });
    expect([...cells.keys()].sort()).toEqual(["clip", "hero", "jingle"]);
    const outputs = {
      hero: "public/hero.png",
      clip: "public/clip.mp4",
      jingle: "public/jingle.wav",
    };
    const previews: Record<string, { bytes: Buffer; width: number; height: number }> = {};
    for (const [id, cell] of cells) {
      // The link is the full render, byte for byte; the picture is a small WebP beside it.
      const output = readFileSync(join(h.remote.clone, outputs[id as keyof typeof outputs]));
      expect(blob(cell.full).equals(output), id).toBe(true);
      expect(cell.preview, id).toBeDefined();
      expect(cell.preview!.split(":")[0]).toBe(cell.full.split(":")[0]);
      expect(cell.preview!.endsWith(".preview.webp")).toBe(true);
      const bytes = blob(cell.preview!);
      const header = readImageHeader(bytes);
      expect(header.format).toBe("webp");
      expect(bytes.length, id).toBeLessThan(60_000);
      previews[id] = { bytes, width: header.width, height: header.height };
    }
    expect([previews.hero!.width, previews.hero!.height]).toEqual([560, 560]);
    expect(previews.clip!.width).toBe(560);
    expect(Math.abs(previews.clip!.height - 315)).toBeLessThanOrEqual(1);
    expect([previews.jingle!.width, previews.jingle!.height]).toEqual([560, 120]);

    // The poster is the video's own middle frame: the same picture ffmpeg decodes there.
    const video = join(h.remote.clone, "public/clip.mp4");
    const { width, height } = previews.clip!;
    const reference = ffmpeg(
      "-v",
      "error",
      "-ss",
      "2",
      "-i",
      video,
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
    expect(reference.stderr).toBe("");
    const poster = await sharp(previews.clip!.bytes).removeAlpha().raw().toBuffer();
    expect(poster.length).toBe(reference.stdout.length);
    let difference = 0;
    const values = new Set<number>();
    for (let i = 0; i < poster.length; i++) {
      difference += Math.abs(poster[i]! - reference.stdout[i]!);
      values.add(poster[i]!);
    }
    expect(difference / poster.length).toBeLessThan(6);
    expect(values.size).toBeGreaterThan(20); // a picture, not a flat fill
    // The waveform is drawn from the samples: a bar in every column, tall where a note is struck
    // and short where it has faded, so the bars' heights vary.
    const wave = await sharp(previews.jingle!.bytes).removeAlpha().raw().toBuffer();
    const heights: number[] = [];
    for (let x = 0; x < 560; x++) {
      let rows = 0;
      for (let y = 0; y < 120; y++) {
        const at = (y * 560 + x) * 3;
        if (wave[at] === 0x09 && wave[at + 1] === 0x69 && wave[at + 2] === 0xda) rows++;
      }
      heights.push(rows);
    }
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...heights)).toBeGreaterThan(60);
    expect(new Set(heights).size).toBeGreaterThan(20);

    expect(cells.get("clip")!.text).toContain("▶️ 4.0 s · ");
    expect(cells.get("clip")!.text).toContain(">play video</a>");
    expect(cells.get("jingle")!.text).toContain("🔊 3.0 s · ");
    expect(cells.get("hero")!.text).toContain(">full size</a>");
    // The job summary shows the same previews.
    for (const cell of cells.values()) {
      const [commit, path] = cell.preview!.split(":");
      expect(run.summary).toContain(`/blob/${commit}/${path}?raw=true`);
    }
    expect(body).not.toContain(h.emulator.resultsOrigin);
    expect(variantWarnings(run.stdout)).toEqual([]);

    // The video's variants: committed at their sizes (read from the committed bytes), recorded
    // in the committed lock, and the poster above still the review preview.
    const { run: commit, head, files, lock } = await commitRun({ AGENTFRAMER_FFMPEG: FFMPEG_PATH });
    expect(variantWarnings(commit.stdout)).toEqual([]);
    expect(files).toEqual(
      [
        "agentframer.lock",
        "agentframer.media.json",
        "public/clip.mp4",
        ...CLIP_VARIANTS,
        "public/hero.png",
        "public/jingle.wav",
      ].sort(),
    );
    const sizes = CLIP_VARIANTS.map((path) => readImageHeader(blob(`${head}:${path}`)));
    expect(sizes).toEqual([
      { format: "webp", width: 320, height: 180 },
      { format: "avif", width: 480, height: 270 },
      { format: "webp", width: 640, height: 360 },
    ]);
    const recorded = lock.assets.clip!.variants!;
    expect(recorded.files.map((f) => [f.path, f.format, f.width, f.height])).toEqual(
      CLIP_VARIANTS.map((path, i) => [path, sizes[i]!.format, sizes[i]!.width, sizes[i]!.height]),
    );
    for (const f of recorded.files) {
      expect(blobSha256(`${head}:${f.path}`), f.path).toBe(f.sha256);
    }
    expect([recorded.width, recorded.height]).toEqual([1280, 720]);
    expect(lock.assets.clip!.sha256).toBe(blobSha256(`${head}:public/clip.mp4`));
    expect(lock.assets.hero!.variants).toBeUndefined();
  });

  it.each([
    [
      "AGENTFRAMER_FFMPEG names nothing",
      () => ({ AGENTFRAMER_FFMPEG: join(dir, "no-ffmpeg-here") }),
      "AGENTFRAMER_FFMPEG names no executable file",
    ],
    [
      "PATH has no ffmpeg",
      () => {
        const bin = join(dir, "bin-git-only");
        mkdirSync(bin, { recursive: true });
        const git = execFileSync("sh", ["-c", "command -v git"]).toString().trim();
        symlinkSync(git, join(bin, "git"));
        return { AGENTFRAMER_FFMPEG: "", PATH: bin };
      },
      "ffmpeg was not found on PATH",
    ],
  ])(
    "without ffmpeg (%s) the run succeeds and the video's cell says why it has no poster",
    async (_name, env, why) => {
      const without = env();
      const { run, cells } = await prRun(without);
      const clip = cells.get("clip")!;
      const shown = clip.text.replace(/\\(.)/g, "$1"); // as GitHub shows it: escapes undone
      expect(clip.preview).toBeUndefined();
      expect(clip.text).toContain("▶️ after (video)</a>");
      expect(shown).toContain(`4.0 s · no poster: ${why} (see docs/action.md)`);
      expect(blob(clip.full).equals(readFileSync(join(h.remote.clone, "public/clip.mp4")))).toBe(
        true,
      );
      // The image and the audio do not need ffmpeg.
      expect(cells.get("hero")!.preview).toBeDefined();
      expect(cells.get("jingle")!.preview).toBeDefined();

      // The video's variants wait: a warning annotation at its line, in this run and in one that
      // commits, which commits the renders and the lock but no variant.
      const warning = (stdout: string) => {
        const lines = variantWarnings(stdout);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          new RegExp(
            `^::warning title=agentframer variants,file=agentframer.yml,line=${CLIP_LINE},col=\\d+::`,
          ),
        );
        expect(lines[0]).toContain(
          `::variants of "clip" not made: a video's variants come from its poster frame, which needs ffmpeg, and ${why}. Install ffmpeg (apt install ffmpeg, brew install ffmpeg) or set AGENTFRAMER_FFMPEG to its absolute path; the next run derives them, with no job`,
        );
      };
      warning(run.stdout);
      const commit = await commitRun(without);
      warning(commit.run.stdout);
      expect(commit.files).toEqual([
        "agentframer.lock",
        "public/clip.mp4",
        "public/hero.png",
        "public/jingle.wav",
      ]);
      expect(commit.lock.assets.clip!.variants).toBeUndefined();
      expect(commit.lock.assets.clip!.sha256).toBe(blobSha256(`${commit.head}:public/clip.mp4`));
    },
  );
});
