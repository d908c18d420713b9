/**
 * Shared set-up for the tests that run the built action (dist/action/index.js) as the runner
 * does, against the emulator, the GitHub stub and a real bare git remote. `npm run build` must
 * have run first; CI builds before it tests.
 */
import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { runDistAction, type ActionRun } from "../support/action-runner.js";
import { GIT_TEST_ENV, writeFiles, type GitRemote } from "../support/git-remote.js";
import type { GitHubStub } from "../support/github-stub.js";
import { API_KEY, filesUnder, withoutMaskCommand } from "./fixtures.js";

export interface Harness {
  emulator: Emulator;
  stub: GitHubStub;
  remote: GitRemote;
  /** Every run so far in this file, for the secrets scan. */
  runs: ActionRun[];
  run(
    eventName: string,
    event: unknown,
    extra?: Record<string, string>,
    env?: NodeJS.ProcessEnv,
  ): Promise<ActionRun>;
  /** A fresh checkout of the branch: what the next workflow run would start from. */
  freshCheckout(): void;
  commitLocally(files: Record<string, string>, message: string): void;
  /**
   * The key in no file of the work tree (outputs, lockfile, `.agentframer/` cache and journal),
   * no commit on the remote, no request the GitHub stub received and no comment it holds.
   */
  expectKeyNowhere(): void;
  /** The key in no byte any run printed or wrote: stdout, stderr, GITHUB_OUTPUT, the summary. */
  expectKeyNeverPrinted(): void;
}

/** Registers the hooks; set `stub` and `remote` at the start of each test. */
export function useActionHarness(): Harness {
  const h = { runs: [] as ActionRun[] } as Harness;
  beforeAll(async () => {
    h.emulator = await startEmulator({
      apiKey: API_KEY,
      durations: { image: { minMs: 1, maxMs: 10 } },
    });
  });
  afterAll(() => h.emulator.close());
  afterEach(async () => {
    await h.stub?.close();
    h.remote?.cleanup();
  });

  h.run = async (eventName, event, extra = {}, env = {}) => {
    const result = await runDistAction({
      workspace: h.remote.clone,
      inputs: {
        "api-key": API_KEY,
        "api-url": h.emulator.apiUrl,
        "github-token": "ghs_stub_token",
        cache: "false",
        ...extra,
      },
      eventName,
      event,
      githubApiUrl: h.stub.url,
      env: { GITHUB_SHA: h.remote.git(["rev-parse", "HEAD"]).trim(), ...env },
    });
    h.runs.push(result);
    return result;
  };
  h.freshCheckout = () => {
    h.remote.git(["reset", "--quiet", "--hard"]);
    h.remote.git(["clean", "--quiet", "-fdx"]);
  };
  h.commitLocally = (files, message) => {
    writeFiles(h.remote.clone, files);
    h.remote.git(["add", "--all"]);
    h.remote.git(["commit", "--quiet", "-m", message]);
  };
  h.expectKeyNowhere = () => {
    for (const [path, bytes] of filesUnder(h.remote.clone)) {
      expect(bytes.includes(API_KEY), path).toBe(false);
    }
    const history = execFileSync("git", ["log", "--all", "-p", "--format=%H %B"], {
      cwd: h.remote.bare,
      env: { ...process.env, ...GIT_TEST_ENV },
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(history.includes(API_KEY)).toBe(false);
    for (const request of h.stub.requests) expect(JSON.stringify(request)).not.toContain(API_KEY);
    for (const comment of h.stub.comments) expect(comment.body).not.toContain(API_KEY);
  };
  h.expectKeyNeverPrinted = () => {
    expect(h.runs.length).toBeGreaterThan(0);
    for (const r of h.runs) {
      expect(withoutMaskCommand(r.stdout, API_KEY)).not.toContain(API_KEY);
      expect(r.stderr).not.toContain(API_KEY);
      expect(r.outputFile).not.toContain(API_KEY);
      expect(r.summary).not.toContain(API_KEY);
    }
  };
  return h;
}

export function prEvent(number: number, baseSha: string, fork = false) {
  return {
    number,
    pull_request: {
      number,
      base: { sha: baseSha, ref: "main", repo: { full_name: "octo/media" } },
      head: {
        sha: "c".repeat(40),
        ref: "feature",
        repo: { full_name: fork ? "stranger/media" : "octo/media" },
      },
    },
  };
}

export function pushEvent(before: string, message: string) {
  return { ref: "refs/heads/main", before, head_commit: { message } };
}
