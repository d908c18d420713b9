/**
 * The PR comment's "Before" column through the built action: the previous render (the base
 * lock's entry, by its hash) is shown by its own small preview from the store, linking to the
 * file as committed on the base — an image, a video's poster and an audio file's waveform, with
 * their lengths. A preview that does not check out falls back to the full committed file; a
 * render stored before previews existed gets its preview from a trusted run (made from the
 * committed bytes, only when they are the store entry's bytes), and never from a fork's.
 *
 * AGENTFRAMER_COMMENT_OUT=DIR keeps the first test's comment and the files it links under DIR
 * (`comment.md`, `files/{commit}/{path}`), to draw it with scripts/preview/comment-screenshot.mjs.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FFMPEG_PATH } from "../support/ffmpeg.js";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { readImageHeader } from "../support/image-headers.js";
import { allowPartialClone } from "../support/store-remote.js";
import { tempDirSync } from "../support/temp-dir.js";
import { MEDIA_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
const scratch = tempDirSync("af-before-previews-");
const STORE_BRANCH = "refs/heads/agentframer-store";
const BLOB = /^https:\/\/github\.com\/octo\/media\/blob\/([0-9a-f]{40})\/([^"?]+)\?raw=true$/;
const OUTPUTS = { hero: "public/hero.png", clip: "public/clip.mp4", jingle: "public/jingle.wav" };
type Id = keyof typeof OUTPUTS;
const IDS = Object.keys(OUTPUTS) as Id[];
const ffmpegEnv = { AGENTFRAMER_FFMPEG: FFMPEG_PATH };

/** The same three assets, each asked for again with another prompt. */
const PR_MANIFEST = MEDIA_MANIFEST.replace("in morning light", "at dusk")
  .replace("drifting across a pond", "sinking in a pond")
  .replace("Rain on a tin roof", "Hail on a tin roof");

interface BeforeCell {
  /** Where the cell links: commit and path, as a blob URL names them. */
  full: { commit: string; path: string };
  /** The picture it shows. */
  image?: { commit: string; path: string };
  text: string;
}

function at(url: string): { commit: string; path: string } {
  const match = BLOB.exec(url);
  if (!match) throw new Error(`not a blob link of octo/media: ${url}`);
  return { commit: match[1]!, path: decodeURIComponent(match[2]!) };
}

/** The "Before" cell of each rendered row, by asset id. */
function beforeCells(body: string): Map<string, BeforeCell> {
  const cells = new Map<string, BeforeCell>();
  for (const line of body.split("\n")) {
    const id = /^\| <code>([a-z]+)<\/code>/.exec(line)?.[1];
    const before = line.split(" | ")[1] ?? "";
    const full = /<a href="([^"]+)">/.exec(before)?.[1];
    if (!id || !full) continue;
    const image = /<img src="([^"]+)"/.exec(before)?.[1];
    cells.set(id, { full: at(full), ...(image ? { image: at(image) } : {}), text: before });
  }
  return cells;
}

function bare(args: string[], input?: Buffer | string): Buffer {
  return execFileSync("git", args, {
    cwd: h.remote.bare,
    env: { ...process.env, ...GIT_TEST_ENV, GIT_INDEX_FILE: join(scratch, "index") },
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
    ...(input !== undefined ? { input } : {}),
  });
}
const blob = (commit: string, path: string): Buffer =>
  bare(["cat-file", "blob", `${commit}:${path}`]);
const storeTip = (): string => bare(["rev-parse", STORE_BRANCH]).toString().trim();
function onStoreBranch(commit: string): boolean {
  try {
    bare(["merge-base", "--is-ancestor", commit, STORE_BRANCH]);
    return true;
  } catch {
    return false;
  }
}

/** Another writer commits these changes to the store branch (a path to null removes it). */
function changeStore(files: Record<string, Buffer | null>): void {
  bare(["read-tree", STORE_BRANCH]);
  for (const [path, bytes] of Object.entries(files)) {
    if (bytes === null) bare(["update-index", "--index-info"], `0 ${"0".repeat(40)}\t${path}\n`);
    else {
      const oid = bare(["hash-object", "-w", "--stdin"], bytes).toString().trim();
      bare(["update-index", "--add", "--cacheinfo", `100644,${oid},${path}`]);
    }
  }
  const tree = bare(["write-tree"]).toString().trim();
  const commit = bare(["commit-tree", tree, "-p", STORE_BRANCH, "-m", "by hand"]).toString().trim();
  bare(["update-ref", STORE_BRANCH, commit]);
}

const previewPath = (hash: string) => `${hash.slice(0, 2)}/${hash}.preview.webp`;
const recordPath = (hash: string) => `${hash.slice(0, 2)}/${hash}.json`;

/**
 * The main branch with the three assets rendered, committed and in the store (with previews),
 * then a feature branch that asks for each again. Returns the base commit and the base lock's
 * hash of each asset: the previous renders' store keys.
 */
async function renderedBase(): Promise<{ base: string; hashes: Record<Id, string> }> {
  h.stub = await startGitHubStub();
  h.remote = createGitRemote({ "agentframer.yml": MEDIA_MANIFEST, "README.md": "media\n" });
  allowPartialClone(h.remote.bare);
  const push = await h.run("push", pushEvent("0".repeat(40), "add media"), {}, ffmpegEnv);
  expect(push.code, push.stdout + push.stderr).toBe(0);
  expect(push.outputs.rendered).toBe("3");
  const base = h.remote.remoteHead();
  const lock = JSON.parse(blob(base, "agentframer.lock").toString("utf8")) as {
    assets: Record<Id, { hash: string }>;
  };
  const hashes = Object.fromEntries(IDS.map((id) => [id, lock.assets[id].hash])) as Record<
    Id,
    string
  >;
  h.remote.git(["checkout", "--quiet", "-b", "feature"]);
  h.commitLocally({ "agentframer.yml": PR_MANIFEST }, "each asked for again");
  return { base, hashes };
}

async function prRun(base: string, env: NodeJS.ProcessEnv = ffmpegEnv, fork = false) {
  h.freshCheckout();
  const run = await h.run(
    "pull_request",
    prEvent(fork ? 9 : 5, base, fork),
    {},
    { GITHUB_HEAD_REF: "feature", ...env },
  );
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const body = h.stub.commentsOn(fork ? 9 : 5)[0]?.body ?? "";
  return { run, body, cells: beforeCells(body) };
}

/** Each cell's picture is the store's preview of the previous render, checked as a reader would. */
function expectStorePreviews(
  cells: Map<string, BeforeCell>,
  base: string,
  hashes: Record<Id, string>,
  ids: readonly Id[],
): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const id of ids) {
    const cell = cells.get(id)!;
    expect(cell.full, id).toEqual({ commit: base, path: OUTPUTS[id] });
    expect(cell.image, id).toBeDefined();
    const { commit, path } = cell.image!;
    expect(path, id).toBe(previewPath(hashes[id]));
    expect(onStoreBranch(commit), id).toBe(true);
    const bytes = blob(commit, path);
    const header = readImageHeader(bytes);
    expect([header.format, header.width], id).toEqual(["webp", 560]);
    expect(bytes.length, id).toBeLessThan(60_000);
    sizes[id] = bytes.length;
  }
  return sizes;
}

describe("the PR comment's Before column", () => {
  it("shows each previous render's store preview, and the full file when one does not check out", async () => {
    const { base, hashes } = await renderedBase();
    const first = await prRun(base);
    expect(first.run.outputs.rendered).toBe("3");
    const sizes = expectStorePreviews(first.cells, base, hashes, IDS);
    expect(first.cells.get("hero")!.text).toContain(
      `<br><sub><a href="https://github.com/octo/media/blob/${base}/public/hero.png?raw=true">full size</a></sub>`,
    );
    expect(first.cells.get("clip")!.text).toContain('alt="before (poster frame)"');
    expect(first.cells.get("clip")!.text).toContain("▶️ 4.0 s · ");
    expect(first.cells.get("jingle")!.text).toContain('alt="before (waveform)"');
    expect(first.cells.get("jingle")!.text).toContain("🔊 3.0 s · ");
    // The job summary shows the same.
    for (const id of IDS) {
      const { commit, path } = first.cells.get(id)!.image!;
      expect(first.run.summary).toContain(`/blob/${commit}/${path}?raw=true`);
    }
    keepForScreenshot(first.body, sizes);

    // Someone swaps the hero's preview for other WebP bytes, and truncates the clip's: neither
    // passes the check against its record, so both show the full committed file again.
    changeStore({
      [previewPath(hashes.hero)]: blob(
        first.cells.get("jingle")!.image!.commit,
        previewPath(hashes.jingle),
      ),
      [previewPath(hashes.clip)]: blob(
        first.cells.get("clip")!.image!.commit,
        previewPath(hashes.clip),
      ).subarray(0, 100),
    });
    const second = await prRun(base);
    const hero = second.cells.get("hero")!;
    expect(hero.full).toEqual({ commit: base, path: OUTPUTS.hero });
    expect(hero.image).toEqual({ commit: base, path: OUTPUTS.hero });
    expect(second.cells.get("clip")!.text).toBe(
      `<a href="https://github.com/octo/media/blob/${base}/public/clip.mp4?raw=true">▶️ before (video)</a>`,
    );
    expectStorePreviews(second.cells, base, hashes, ["jingle"]);
    expect(second.run.stdout).toMatch(new RegExp(`${hashes.hero.slice(0, 12)}: its preview`));
  });

  it("gives a render stored before previews existed its preview in a trusted run, never in a fork's", async () => {
    const { base, hashes } = await renderedBase();
    // The store as a run before previews left it: records without a preview, no preview files.
    const tip = storeTip();
    const stripped: Record<string, Buffer | null> = {};
    for (const id of IDS) {
      const record = JSON.parse(blob(tip, recordPath(hashes[id])).toString("utf8")) as Record<
        string,
        unknown
      >;
      delete record.preview;
      delete record.durationSeconds;
      stripped[recordPath(hashes[id])] = Buffer.from(`${JSON.stringify(record)}\n`);
      stripped[previewPath(hashes[id])] = null;
    }
    changeStore(stripped);
    // The PR also edits the committed jingle by hand: those are not the store entry's bytes, so
    // no preview is made from them.
    writeFileSync(join(h.remote.clone, OUTPUTS.jingle), Buffer.from("RIFF not the render"));
    h.commitLocally({}, "a jingle edited by hand");

    // A fork's run only plans: it writes nothing to the store and shows the committed files.
    const strippedTip = storeTip();
    const fork = await prRun(base, ffmpegEnv, true);
    expect(fork.run.stdout).toContain("comes from a fork");
    expect(storeTip()).toBe(strippedTip);
    expect(fork.body).not.toContain(".preview.webp");

    const trusted = await prRun(base);
    expect(trusted.run.outputs.rendered).toBe("3");
    expectStorePreviews(trusted.cells, base, hashes, ["hero", "clip"]);
    expect(trusted.cells.get("clip")!.text).toContain("▶️ 4.0 s · ");
    expect(trusted.cells.get("jingle")!.text).toBe(
      `<a href="https://github.com/octo/media/blob/${base}/public/jingle.wav?raw=true">🔊 before (audio)</a>`,
    );
    expect(trusted.run.stdout).toMatch(
      /jingle: no preview of its previous render: public\/jingle\.wav is \d+ bytes where the lock says \d+/,
    );
    // Written beside the entries, named by their records, so the next comment has them without
    // making them again; the entries' bytes are untouched. One store commit holds the three new
    // renders and the two previews: the run's one write.
    const now = storeTip();
    expect(
      bare(["rev-list", "--count", `${strippedTip}..${now}`])
        .toString()
        .trim(),
    ).toBe("1");
    expect(
      bare(["diff-tree", "--no-commit-id", "--name-only", "-r", strippedTip, now])
        .toString()
        .trim()
        .split("\n")
        .filter((path) => path.endsWith(".preview.webp")),
    ).toHaveLength(5);
    for (const id of ["hero", "clip"] as const) {
      const record = JSON.parse(blob(now, recordPath(hashes[id])).toString("utf8")) as {
        preview?: { size: number };
        sha256: string;
      };
      expect(record.preview?.size, id).toBe(blob(now, previewPath(hashes[id])).length);
      expect(record.sha256).toBe(
        JSON.parse(blob(tip, recordPath(hashes[id])).toString("utf8")).sha256,
      );
    }
    expect(() => blob(now, previewPath(hashes.jingle))).toThrow();
    const again = await prRun(base);
    expect(storeTip()).toBe(now);
    expectStorePreviews(again.cells, base, hashes, ["hero", "clip"]);
  });
});

/** See the file's comment: the comment and every file it links from the store or the base. */
function keepForScreenshot(body: string, sizes: Record<string, number>): void {
  const out = process.env.AGENTFRAMER_COMMENT_OUT;
  if (!out) return;
  writeFileSync(join(out, "comment.md"), body);
  writeFileSync(join(out, "preview-sizes.json"), JSON.stringify(sizes, null, 2));
  for (const [, url] of body.matchAll(/(?:src|href)="(https:\/\/github\.com\/[^"]+)"/g)) {
    const match = BLOB.exec(url!);
    if (!match) continue;
    const path = decodeURIComponent(match[2]!);
    const file = join(out, "files", match[1]!, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, blob(match[1]!, path));
  }
}
