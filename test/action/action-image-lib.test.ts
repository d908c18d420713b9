/**
 * The bundled action carries its image library. A copy of dist/action and action.yml in a folder
 * with no node_modules anywhere above it (as GitHub checks an action out) runs a push against the
 * emulator: it renders, derives WebP and AVIF variants through the vendored sharp, and commits
 * them with the media index. Needs `npm run build` first.
 */
import { cpSync, existsSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { runDistAction } from "../support/action-runner.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../support/git-remote.js";
import { startGitHubStub, type GitHubStub } from "../support/github-stub.js";
import { readImageHeader } from "../support/image-headers.js";
import { tempDir } from "../support/temp-dir.js";
import { API_KEY } from "./fixtures.js";
import { pushEvent } from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../..");

function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules"))) found.push(at);
    if (at === parse(at).root) return found;
  }
}

const MANIFEST = `version: 1
defaults:
  model: flux-1.1-pro
  params: { width: 400, height: 300 }
  variants:
    - { format: webp, widths: [200, 800] }
    - { format: avif, widths: [100] }
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
`;

let emulator: Emulator;
let stub: GitHubStub;
let remote: GitRemote;
beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: API_KEY,
    durations: { image: { minMs: 1, maxMs: 10 } },
  });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await stub?.close();
  remote?.cleanup();
});

describe("the image library inside the bundled action", () => {
  it("derives variants from a copy of dist/action with no node_modules above it, and commits them", async () => {
    expect(
      existsSync(join(ROOT, "dist/action/vendor/node_modules/sharp/package.json")),
      "run `npm run build` first",
    ).toBe(true);
    const root = await tempDir("af-action-copy-");
    expect(ancestorsWithNodeModules(root)).toEqual([]);
    cpSync(join(ROOT, "dist/action"), join(root, "dist/action"), { recursive: true });
    cpSync(join(ROOT, "action.yml"), join(root, "action.yml"));

    stub = await startGitHubStub();
    remote = createGitRemote({ "agentframer.yml": MANIFEST });
    expect(ancestorsWithNodeModules(remote.clone)).toEqual([]);
    const run = await runDistAction({
      main: join(root, "dist/action/index.js"),
      workspace: remote.clone,
      inputs: {
        "api-key": API_KEY,
        "api-url": emulator.apiUrl,
        "github-token": "ghs_stub_token",
        cache: "false",
      },
      eventName: "push",
      event: pushEvent("0".repeat(40), "add hero"),
      githubApiUrl: stub.url,
      env: { GITHUB_SHA: remote.git(["rev-parse", "HEAD"]).trim() },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/variants of hero not derived/);

    const head = remote.remoteHead();
    expect(remote.filesIn(head)).toEqual([
      "agentframer.lock",
      "agentframer.media.json",
      "public/hero-100.avif",
      "public/hero-200.webp",
      "public/hero.png",
    ]);
    const show = (path: string) =>
      execFileSync("git", ["show", `${head}:${path}`], {
        cwd: remote.bare,
        env: { ...process.env, ...GIT_TEST_ENV },
        maxBuffer: 1 << 24,
      });
    expect(readImageHeader(show("public/hero-200.webp"))).toEqual({
      format: "webp",
      width: 200,
      height: 150,
    });
    expect(readImageHeader(show("public/hero-100.avif"))).toEqual({
      format: "avif",
      width: 100,
      height: 75,
    });
    const media = JSON.parse(show("agentframer.media.json").toString("utf8")) as {
      assets: Record<string, { width: number; variants: { path: string }[] }>;
    };
    expect(media.assets.hero?.width).toBe(400);
    expect(media.assets.hero?.variants.map((v) => v.path)).toEqual([
      "public/hero-100.avif",
      "public/hero-200.webp",
    ]);
  });
});
