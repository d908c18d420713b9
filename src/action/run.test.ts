import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { openStore } from "../store/open.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManifestError } from "../manifest/errors.js";
import { createCommentApi } from "../publish/github-api.js";
import { createPullLookup } from "./pull-lookup.js";
import { gitIn } from "../git/runner.js";
import { asset, planEntry, planOf, resultOf } from "../../test/support/publish-fixtures.js";
import type { RenderResult } from "../render/result.js";
import {
  createGitRemote,
  GIT_TEST_ENV,
  writeFiles,
  type GitRemote,
} from "../../test/support/git-remote.js";
import { startGitHubStub, type GitHubStub } from "../../test/support/github-stub.js";
import type { CacheBackend } from "./actions-cache.js";
import { COMMIT_TRAILER, FORK_DOCS_URL } from "./constants.js";
import type { ActionDeps, Engine } from "./deps.js";
import { runAction } from "./run.js";
import {
  eventFile,
  pullRequestEvent,
  pushEvent,
  recordingHost,
  workflowRunEvent,
  type RecordingHost,
} from "../../test/support/action-host.js";

const KEY = "af_live_secret_key_123";
const hero = asset("hero", { output: "public/hero.png" });
const logo = asset("logo", { output: "public/logo.png" });
const plan = planOf([
  planEntry(hero, "changed", { changedFields: ["prompt"] }),
  planEntry(logo, "unchanged"),
]);

let remote: GitRemote | undefined;
let stub: GitHubStub | undefined;
afterEach(async () => {
  remote?.cleanup();
  await stub?.close();
  remote = stub = undefined;
});

/** An engine that "renders" by writing bytes and a lockfile into the work tree, as render() does. */
function fakeEngine(workdir: string, result: RenderResult): Engine & { renders: number } {
  const engine = {
    renders: 0,
    plan: async () => plan,
    render: async () => {
      engine.renders += 1;
      writeFiles(workdir, {
        "public/hero.png": `new pixels ${engine.renders}`,
        "agentframer.lock": `{"v":${engine.renders}}\n`,
      });
      return result;
    },
  };
  return engine;
}

const rendered = resultOf([
  {
    id: "hero",
    status: "rendered",
    output: "public/hero.png",
    hash: "h",
    generation: "gen_1",
    stored: { commit: "c0ffee", path: "ab/abcdef.png" },
    durationMs: 800,
  },
  { id: "logo", status: "unchanged", output: "public/logo.png", hash: "l" },
]);

function setup(
  event: unknown,
  eventName: string,
  inputs: Record<string, string> = {},
  result = rendered,
) {
  remote = createGitRemote({
    "agentframer.yml": "version: 1\n",
    "agentframer.lock": "{}\n",
    "public/logo.png": "logo",
  });
  const host = recordingHost({
    "api-key": KEY,
    cache: "false",
    "github-token": "ghs_token",
    ...inputs,
  });
  const engine = fakeEngine(remote.clone, result);
  const cacheBackend = vi.fn<() => Promise<CacheBackend>>();
  const deps: ActionDeps = {
    host,
    engine,
    env: {
      GITHUB_WORKSPACE: remote.clone,
      GITHUB_REPOSITORY: "octo/media",
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventFile(event),
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: remote.remoteHead(),
    },
    cacheBackend,
    commentApi: (token, repo) => createCommentApi(token, repo, stub?.url ?? "http://127.0.0.1:9"),
    pullLookup: (token, repo) => createPullLookup(token, repo, stub?.url ?? "http://127.0.0.1:9"),
    git: (cwd) => gitIn(cwd, { ...process.env, ...GIT_TEST_ENV }),
    openStore,
  };
  return { host, engine, deps, cacheBackend, remote };
}

function expectNoKey(host: RecordingHost) {
  const everything = JSON.stringify({ ...host, secrets: [], inputs: {} });
  expect(everything).not.toContain(KEY);
}

describe("runAction on a pull request", () => {
  it("comments once, edits the same comment on the next run, and commits nothing", async () => {
    stub = await startGitHubStub();
    const { host, deps, remote } = setup(pullRequestEvent(5), "pull_request");
    const head = remote.remoteHead();
    await runAction(deps);
    const second = recordingHost(host.inputs);
    await runAction({ ...deps, host: second });

    const comments = stub.commentsOn(5);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("<!-- agentframer-render: agentframer.yml -->");
    expect(comments[0]?.body).toContain("✅ rendered again: prompt changed");
    expect(host.outputs["comment-id"]).toBe(String(comments[0]?.id));
    expect(second.outputs["comment-id"]).toBe(String(comments[0]?.id));
    expect(host.outputs["commit-sha"]).toBe("");
    expect(JSON.parse(host.outputs["changed-files"] ?? "")).toEqual([
      "agentframer.lock",
      "public/hero.png",
    ]);
    expect(remote.remoteHead()).toBe(head);
    // The key, and the github-token: both scrubbed from everything the host prints.
    expect(host.secrets).toEqual([KEY, "ghs_token"]);
    expect(host.failed).toEqual([]);
    expect(host.groups).toEqual(["Plan", "Render", "Publish"]);
    expectNoKey(host);
  });

  it("on a fork PR only plans: no render, a warning with the docs link, a plan summary, green", async () => {
    const { host, deps, engine } = setup(pullRequestEvent(5, { fork: true }), "pull_request");
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.warnings).toHaveLength(1);
    expect(host.warnings[0]).toContain(FORK_DOCS_URL);
    expect(host.summary).toContain("Would render (1)");
    expect(host.summary).toContain("<code>hero</code>");
    expect(host.outputs.rendered).toBe("0");
    expect(
      JSON.parse(host.outputs.result ?? "{}").assets.map((a: { status: string }) => a.status),
    ).toEqual(["skipped", "unchanged"]);
    expect(host.failed).toEqual([]);
  });

  it("without an api-key only plans, and says how to pass one", async () => {
    const { host, deps, engine } = setup(pullRequestEvent(5), "pull_request", { "api-key": "" });
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.warnings[0]).toMatch(/No api-key input was given/);
    expect(host.secrets).toEqual(["ghs_token"]);
  });
});

describe("runAction on workflow_run (the fork-safe pattern's privileged half)", () => {
  /** A fork's PR #5 whose head is the checked-out commit, and PR #6, someone else's. */
  async function forkPull(inputs: Record<string, string> = {}) {
    stub = await startGitHubStub();
    const s = setup(workflowRunEvent(""), "workflow_run", inputs);
    const head = s.remote.git(["rev-parse", "HEAD"]).trim();
    s.deps.env.GITHUB_EVENT_PATH = eventFile(workflowRunEvent(head));
    stub.addPull({
      number: 5,
      headSha: head,
      headRef: "feature",
      headRepo: "stranger/media",
      baseSha: "b".repeat(40),
    });
    stub.addPull({
      number: 6,
      headSha: "d".repeat(40),
      headRef: "other",
      headRepo: "octo/media",
      baseSha: "b".repeat(40),
    });
    return { ...s, head };
  }

  it("finds the PR through the API from the event's head commit and comments there", async () => {
    const { host, deps, engine } = await forkPull({ publish: "comment" });
    await runAction(deps);
    expect(host.failed).toEqual([]);
    expect(engine.renders).toBe(1);
    expect(stub?.commentsOn(5)).toHaveLength(1);
    expect(stub?.commentsOn(6)).toEqual([]);
    expect(stub?.requests.some((r) => r.path.includes("head=stranger%3Afeature"))).toBe(true);
  });

  it("refuses a pull-request number that is not the PR of the run's head commit, spending nothing", async () => {
    const { host, deps, engine } = await forkPull({ publish: "comment", "pull-request": "6" });
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.failed).toHaveLength(1);
    expect(host.failed[0]).toMatch(
      /refused this workflow_run: no single open pull request has stranger\/media:feature at [0-9a-f]{40} as its head \(found: #5\)\. The pull-request input asked for #6/,
    );
    expect(host.summary).toContain("refused this workflow_run");
    expect(stub?.comments).toEqual([]);
    expect(stub?.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("refuses when the work tree is not the run's head commit", async () => {
    const { host, deps, engine, remote } = await forkPull({ publish: "comment" });
    writeFiles(remote.clone, { "other.txt": "x" });
    remote.git(["add", "other.txt"]);
    remote.git(["commit", "--quiet", "-m", "not the PR's head"]);
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.failed[0]).toMatch(/the work tree is at [0-9a-f]{40}, but the run .* was for/);
    expect(stub?.comments).toEqual([]);
  });

  it("refuses a run set off by something other than a pull request", async () => {
    const { host, deps, engine, head } = await forkPull({
      publish: "comment",
      "pull-request": "5",
    });
    deps.env.GITHUB_EVENT_PATH = eventFile(workflowRunEvent(head, { event: "push" }));
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.failed[0]).toMatch(/reports on a 'push' run, not a pull request/);
  });
});

describe("runAction on push and schedule", () => {
  it("commits the changed output and the lockfile and sets commit-sha", async () => {
    const { host, deps, remote } = setup(pushEvent("a".repeat(40)), "push");
    await runAction(deps);
    const sha = remote.remoteHead();
    expect(host.outputs["commit-sha"]).toBe(sha);
    expect(remote.filesIn(sha)).toEqual(["agentframer.lock", "public/hero.png"]);
    expect(remote.git(["log", "-1", "--format=%B", sha], remote.bare)).toContain(COMMIT_TRAILER);
    expect(host.summary).toContain(`[commit ${sha.slice(0, 7)}]`);
  });

  it("does not render again on a push this action made (loop guard)", async () => {
    const { host, deps, engine } = setup(
      pushEvent("a".repeat(40), `render\n\n${COMMIT_TRAILER}`),
      "push",
    );
    await runAction(deps);
    expect(engine.renders).toBe(0);
    expect(host.notices[0]).toMatch(/loop guard/);
  });

  it("renders and commits on a schedule even when HEAD is its own last commit", async () => {
    const { host, deps, engine } = setup({ schedule: "0 3 * * *" }, "schedule");
    await runAction(deps);
    expect(engine.renders).toBe(1);
    expect(host.outputs["commit-sha"]).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("runAction failures", () => {
  const failed = resultOf([
    { id: "hero", status: "failed", output: "public/hero.png", hash: "h", error: "content policy" },
  ]);

  it("fails the step when an asset failed, unless fail-on-error is false", async () => {
    const red = setup({}, "schedule", {}, failed);
    await runAction(red.deps);
    expect(red.host.failed).toEqual([
      "1 asset failed to render (see the job summary); set fail-on-error: false to keep the job green",
    ]);
    expect(red.host.errors).toEqual([
      {
        message: 'asset "hero" failed to render: content policy',
        at: {
          title: "agentframer render",
          file: relative(red.remote.clone, "/repo/agentframer.yml"),
          startLine: 3,
          startColumn: 5,
        },
      },
    ]);
    red.remote.cleanup();
    const green = setup({}, "schedule", { "fail-on-error": "false" }, failed);
    await runAction(green.deps);
    expect(green.host.failed).toEqual([]);
    expect(green.host.outputs.failed).toBe("1");
  });

  it("annotates each manifest problem at its file, line and column", async () => {
    const { host, deps, remote } = setup({}, "push");
    const file = join(remote.clone, "agentframer.yml");
    deps.engine.plan = async () => {
      throw new ManifestError([
        { file, line: 4, col: 7, message: "unknown field 'promt'" },
        { file, line: 9, col: 3, message: "duplicate id 'hero'" },
      ]);
    };
    await runAction(deps);
    expect(host.errors).toEqual([
      {
        message: "unknown field 'promt'",
        at: {
          title: "agentframer manifest",
          file: "agentframer.yml",
          startLine: 4,
          startColumn: 7,
        },
      },
      {
        message: "duplicate id 'hero'",
        at: {
          title: "agentframer manifest",
          file: "agentframer.yml",
          startLine: 9,
          startColumn: 3,
        },
      },
    ]);
    expect(host.failed).toEqual(["The manifest has 2 problems; nothing was submitted."]);
    expect(host.summary).toContain("- agentframer\\.yml\\:4\\:7\\: unknown field &#39;promt&#39;");
  });

  it("rejects a bad input with the exact message", async () => {
    const { deps } = setup({}, "push", { concurrency: "abc" });
    await expect(runAction(deps)).rejects.toThrow(
      "Input 'concurrency' must be a whole number from 1 to 64, got 'abc'",
    );
  });
});

describe("runAction cache", () => {
  it("warns and renders anyway when the cache service is unavailable", async () => {
    const { host, deps, engine, cacheBackend } = setup({}, "schedule", { cache: "true" });
    cacheBackend.mockResolvedValue({ available: () => false, restore: vi.fn(), save: vi.fn() });
    await runAction(deps);
    expect(host.warnings).toEqual([
      expect.stringMatching(/cache service is not available.*rendering goes on/),
    ]);
    expect(engine.renders).toBe(1);
  });

  it("restores before the render and saves under the new lock's key after it", async () => {
    const { host, deps, cacheBackend, remote } = setup({}, "schedule", { cache: "true" });
    writeFiles(remote.clone, { ".agentframer/cache/ab/abcd": "bytes" });
    const calls: string[] = [];
    cacheBackend.mockResolvedValue({
      available: () => true,
      restore: async (path, keys) => {
        calls.push(`restore ${path} ${keys.key} ${keys.restoreKeys.join(",")}`);
        return keys.restoreKeys[0] + "older";
      },
      save: async (path, key) => void calls.push(`save ${path} ${key}`),
    });
    await runAction(deps);
    const [restore, save] = calls;
    expect(restore).toMatch(
      /^restore .*\/\.agentframer\/cache-transfer (agentframer-cache-v1-[0-9a-f]{16}-)[0-9a-f]{32} \1$/,
    );
    expect(save).toMatch(
      /^save .*\/\.agentframer\/cache-transfer agentframer-cache-v1-[0-9a-f]{16}-[0-9a-f]{32}$/,
    );
    // Saved from the transfer folder, then back where the tool reads it.
    expect(readFileSync(join(remote.clone, ".agentframer/cache/ab/abcd"), "utf8")).toBe("bytes");
    expect(existsSync(join(remote.clone, ".agentframer/cache-transfer"))).toBe(false);
    expect(save?.split(" ")[2]).not.toBe(restore?.split(" ")[2]);
    expect(host.warnings).toEqual([]);
    expect(host.groups).toEqual(["Plan", "Restore cache", "Render", "Save cache", "Publish"]);
  });

  it("saves the cache even when the render throws, and then fails", async () => {
    const { host, deps, engine, cacheBackend, remote } = setup({}, "schedule", { cache: "true" });
    const saved: string[] = [];
    cacheBackend.mockResolvedValue({
      available: () => true,
      restore: async () => undefined,
      save: async (path) => void saved.push(path),
    });
    engine.render = async () => {
      writeFiles(remote.clone, { ".agentframer/cache/ab/abcd": "paid-for bytes" });
      throw new Error("EACCES: agentframer.lock");
    };
    await expect(runAction(deps)).rejects.toThrow("EACCES");
    expect(saved).toEqual([join(remote.clone, ".agentframer/cache-transfer")]);
    expect(host.groups).toEqual(["Plan", "Restore cache", "Render", "Save cache"]);
  });

  it("moves what a finished restore unpacked into the cache, keeping what the cache held", async () => {
    const { deps, cacheBackend, remote } = setup({}, "schedule", { cache: "true" });
    writeFiles(remote.clone, { ".agentframer/cache/ab/abcd": "held here" });
    cacheBackend.mockResolvedValue({
      available: () => true,
      restore: async (path, keys) => {
        writeFiles(path, { "ab/abcd": "from the archive", "cd/cdef": "restored" });
        return keys.key;
      },
      save: async () => {},
    });
    await runAction(deps);
    const cache = join(remote.clone, ".agentframer/cache");
    expect(readFileSync(join(cache, "ab/abcd"), "utf8")).toBe("held here");
    expect(readFileSync(join(cache, "cd/cdef"), "utf8")).toBe("restored");
    expect(existsSync(join(remote.clone, ".agentframer/cache-transfer"))).toBe(false);
  });

  it("gives up a restore that never ends at its deadline: renders without the cache, nothing partial in it, no save", async () => {
    const { host, deps, engine, cacheBackend, remote } = setup({}, "schedule", { cache: "true" });
    deps.env.AGENTFRAMER_CACHE_TIMEOUT_MS = "200";
    const saves: string[] = [];
    let unpacking: string | undefined;
    cacheBackend.mockResolvedValue({
      available: () => true,
      // Half an archive unpacked, then a service that never answers again.
      restore: (path) => {
        unpacking = path;
        writeFiles(path, { "ab/abcd": "half of an ent" });
        return new Promise<string | undefined>(() => {});
      },
      save: async (path) => void saves.push(path),
    });
    const renderAsUsual = engine.render.bind(engine);
    let cacheSeen: boolean | undefined;
    engine.render = async (config, store) => {
      // What the render sees of the cache: nothing of the unfinished restore.
      cacheSeen = existsSync(join(remote.clone, ".agentframer/cache/ab/abcd"));
      writeFiles(remote.clone, { ".agentframer/cache/ef/efgh": "paid-for bytes" });
      return renderAsUsual(config, store);
    };
    await runAction(deps);
    expect(host.warnings).toEqual([
      "Restoring the cache was given up: the restore did not finish within 200 ms; rendering goes on without it (the cache only saves work), and it is not saved this run (AGENTFRAMER_CACHE_TIMEOUT_MS sets this deadline).",
    ]);
    expect(engine.renders).toBe(1);
    expect(unpacking).toBe(join(remote.clone, ".agentframer/cache-transfer"));
    expect(existsSync(unpacking!)).toBe(false);
    expect(existsSync(join(remote.clone, ".agentframer/cache/ab/abcd"))).toBe(false);
    expect(cacheSeen).toBe(false);
    expect(saves).toEqual([]);
    expect(host.groups).toEqual(["Plan", "Restore cache", "Render", "Publish"]);
  });

  it("gives up a save that never ends at its deadline and still publishes", async () => {
    const { host, deps, engine, cacheBackend, remote } = setup({}, "schedule", { cache: "true" });
    deps.env.AGENTFRAMER_CACHE_TIMEOUT_MS = "200";
    cacheBackend.mockResolvedValue({
      available: () => true,
      restore: async () => undefined,
      save: () => new Promise<void>(() => {}),
    });
    const renderAsUsual = engine.render.bind(engine);
    engine.render = async (config, store) => {
      writeFiles(remote.clone, { ".agentframer/cache/ef/efgh": "paid-for bytes" });
      return renderAsUsual(config, store);
    };
    await runAction(deps);
    expect(engine.renders).toBe(1);
    expect(host.warnings).toEqual([
      "Saving the cache was given up: the save did not finish within 200 ms; the next run may render more (AGENTFRAMER_CACHE_TIMEOUT_MS sets this deadline).",
    ]);
    expect(host.groups).toEqual(["Plan", "Restore cache", "Render", "Save cache", "Publish"]);
  });

  it("warns and carries on when the cache throws", async () => {
    const { host, deps, engine, cacheBackend } = setup({}, "schedule", { cache: "true" });
    cacheBackend.mockRejectedValue(new Error("socket hang up"));
    await runAction(deps);
    expect(host.warnings[0]).toMatch(/Restoring the cache failed \(socket hang up\)/);
    expect(engine.renders).toBe(1);
  });
});
