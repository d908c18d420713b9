/**
 * A cancelled workflow through the built action. The runner sends SIGINT, then SIGTERM a few
 * seconds later, then SIGKILL: the first signal stops submitting and leaves the jobs in flight in
 * the journal, and says so; a second one ends the step at once, even when the orderly stop hangs
 * (a git command the stop cannot end) — and either way the next run resumes the jobs without
 * paying for them twice.
 */
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { runDistAction, type ActionRun } from "../support/action-runner.js";
import { waitFor } from "../support/built-cli.js";
import { fastForward } from "../support/fast-forward.js";
import { createGitRemote, writeFiles, type GitRemote } from "../support/git-remote.js";
import { startGitHubStub, type GitHubStub } from "../support/github-stub.js";
import { API_KEY, BASE_MANIFEST } from "./fixtures.js";
import { allowPartialClone } from "../support/store-remote.js";
import { tempDirSync } from "../support/temp-dir.js";
import { prEvent, pushEvent } from "./harness.js";

/** Two more assets than BASE_MANIFEST's, so that a run has jobs to leave in flight. */
const MORE_ASSETS = `${BASE_MANIFEST}  - id: banner
    prompt: A wide banner of rolling hills
    output: public/banner.png
  - id: icon
    prompt: A tiny lighthouse icon
    output: public/icon.png
`;
const BADGE = `  - id: badge
    prompt: A round badge with a lighthouse
    output: public/badge.png
`;
const VIDEO_MANIFEST = (what: string) => `version: 1
assets:
  - id: clip
    model: af-video-1
    prompt: A paper boat ${what} a pond
    output: public/clip.mp4
    params: { width: 1280, height: 720, duration: 4 }
`;
const STOPPING_LINE =
  "agentframer: stopping — jobs in flight stay recorded for the next run to resume (another SIGINT or SIGTERM stops at once)";
const stoppingLines = (text: string): number => text.split(STOPPING_LINE).length - 1;

let emulator: Emulator | undefined;
let stub: GitHubStub | undefined;
let remote: GitRemote | undefined;
let stopFastForward: (() => void) | undefined;
afterEach(async () => {
  stopFastForward?.();
  await emulator?.close();
  await stub?.close();
  remote?.cleanup();
});

interface RunOptions {
  eventName?: string;
  event?: unknown;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** Gets the step's process and its output so far, once it has started. */
  whileRunning?: (child: ChildProcess, printed: () => string) => void;
}

/**
 * One run of the built action, a push unless told otherwise. The safety net stands for the
 * runner's own SIGKILL: a step that outlives it was not stopped by the signals it was sent.
 */
function run({
  eventName = "push",
  event = pushEvent("0".repeat(40), "more media"),
  inputs = { store: "none" },
  env = {},
  whileRunning,
}: RunOptions = {}): Promise<ActionRun> {
  return runDistAction({
    workspace: remote!.clone,
    inputs: {
      "api-key": API_KEY,
      "api-url": emulator!.apiUrl,
      "github-token": "ghs_stub_token",
      cache: "false",
      ...inputs,
    },
    eventName,
    event,
    githubApiUrl: stub!.url,
    env: { GITHUB_SHA: remote!.git(["rev-parse", "HEAD"]).trim(), ...env },
    killAfterMs: 45_000,
    ...(whileRunning ? { onStart: whileRunning } : {}),
  });
}

/**
 * A git remote on loopback that accepts every connection and never answers: a stalled server,
 * which a git command waits on until its own deadline. `close` drops the connections, so the git
 * a killed step left behind fails and ends.
 */
async function startSilentRemote(): Promise<{
  url: string;
  held: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let held = 0;
  const server = createServer((socket) => {
    held += 1;
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/store.git`,
    held: () => held,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The journal's records as the next run reads them; every line must parse. */
function journalRecords(): { state: string; id: string }[] {
  const path = join(remote!.clone, ".agentframer/journal/agentframer.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { state: string; id: string });
}

function inFlight(): string[] {
  const latest = new Map<string, string>();
  for (const record of journalRecords()) latest.set(record.id, record.state);
  return [...latest]
    .filter(([, state]) => state === "submitting" || state === "submitted")
    .map(([id]) => id)
    .sort();
}

const lockAssets = (): string[] =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(remote!.clone, "agentframer.lock"), "utf8")) as {
        assets: Record<string, unknown>;
      }
    ).assets,
  ).sort();

describe("a cancelled workflow", () => {
  it("stops in order on the first signal, at once on the second even when the stop hangs, and the next run resumes without paying twice", async () => {
    // Jobs that take a minute of the emulator's clock: in flight until a test moves it on.
    emulator = await startEmulator({
      apiKey: API_KEY,
      durations: { image: { minMs: 60_000, maxMs: 60_000 } },
    });
    stub = await startGitHubStub();
    remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    stopFastForward = fastForward(emulator);
    const base = await run();
    expect(base.status, base.stdout + base.stderr).toBe(0);
    stopFastForward();
    writeFiles(remote.clone, { "agentframer.yml": MORE_ASSETS });
    remote.git(["commit", "--quiet", "-am", "two more assets"]);

    // The runner cancels while both new jobs are in flight: SIGINT, an orderly stop.
    const cancelled = await run({
      whileRunning: (child) => {
        void waitFor(() => emulator!.ledger.jobs().length >= 4, 30_000, "jobs in flight").then(() =>
          child.kill("SIGINT"),
        );
      },
    });
    expect(cancelled.killed, cancelled.stdout).toBe(false);
    expect(cancelled.signal).toBeNull();
    expect(stoppingLines(cancelled.stdout)).toBe(1);
    expect(inFlight()).toEqual(["banner", "icon"]);
    expect(lockAssets()).toEqual(["hero", "logo"]);

    // The next push adds an asset, and the run's orderly stop hangs: the store's remote accepts
    // the connection and never answers, and the git command asking it does not listen for the
    // stop (it runs to its own deadline). The runner's SIGTERM ends the step at once.
    writeFiles(remote.clone, { "agentframer.yml": MORE_ASSETS + BADGE });
    remote.git(["commit", "--quiet", "-am", "a badge"]);
    const silent = await startSilentRemote();
    remote.git(["remote", "set-url", "origin", silent.url]);
    let hung: ActionRun;
    try {
      hung = await run({
        inputs: { store: "git" },
        whileRunning: (child, printed) => {
          void (async () => {
            await waitFor(() => silent.held() >= 1, 30_000, "the store's remote asked");
            child.kill("SIGINT");
            // Sent whether or not the line came: the second signal must work either way.
            await waitFor(() => stoppingLines(printed()) > 0, 10_000, "the stopping line").catch(
              () => {},
            );
            child.kill("SIGTERM");
          })();
        },
      });
    } finally {
      await silent.close();
      remote.git(["remote", "set-url", "origin", remote.bare]);
    }
    expect(hung.killed, hung.stdout).toBe(false);
    expect(hung.signal).toBe("SIGTERM");
    expect(hung.status).toBe(143);
    expect(stoppingLines(hung.stdout)).toBe(1);
    // Nothing on disk half written: the lock and the journal parse, and still say the same.
    expect(inFlight()).toEqual(["banner", "icon"]);
    expect(lockAssets()).toEqual(["hero", "logo"]);
    expect(emulator.ledger.jobs()).toHaveLength(4);

    // The run after that resumes both jobs and renders the badge: one job per asset, none paid
    // for twice.
    stopFastForward = fastForward(emulator);
    const resumed = await run();
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/resuming 2 jobs an interrupted run left in flight/);
    const jobs = emulator.ledger.jobs();
    expect(jobs).toHaveLength(5);
    for (const job of jobs) expect(emulator.ledger.jobsByKey(job.key)).toHaveLength(1);
    expect(lockAssets()).toEqual(["badge", "banner", "hero", "icon", "logo"]);
    expect(journalRecords()).toEqual([]);
  }, 180_000);

  it("makes the previous render's preview while the job runs, stops it on the first signal, and the next run resumes the job", async () => {
    emulator = await startEmulator({
      apiKey: API_KEY,
      durations: { video: { minMs: 60_000, maxMs: 60_000 } },
    });
    stub = await startGitHubStub();
    remote = createGitRemote({ "agentframer.yml": VIDEO_MANIFEST("drifting across") });
    allowPartialClone(remote.bare);
    // The store keeps the first render with no preview (no ffmpeg then), so the PR's run makes
    // one from the committed file, with an ffmpeg that hangs until it is stopped.
    const noFfmpeg = { AGENTFRAMER_FFMPEG: "/nonexistent/ffmpeg" };
    stopFastForward = fastForward(emulator);
    const base = await run({ inputs: {}, env: noFfmpeg });
    expect(base.status, base.stdout + base.stderr).toBe(0);
    stopFastForward();
    const baseSha = remote.remoteHead();
    remote.git(["checkout", "--quiet", "-b", "feature"]);
    writeFiles(remote.clone, { "agentframer.yml": VIDEO_MANIFEST("sinking in") });
    remote.git(["commit", "--quiet", "-am", "the clip asked for again"]);
    const tools = tempDirSync("af-hanging-ffmpeg-");
    const started = join(tools, "started");
    const hangingFfmpeg = join(tools, "ffmpeg");
    writeFileSync(hangingFfmpeg, `#!/bin/sh\n: > '${started}'\nexec /bin/sleep 600\n`);
    chmodSync(hangingFfmpeg, 0o755);

    const pr = (env: NodeJS.ProcessEnv, whileRunning?: RunOptions["whileRunning"]) =>
      run({
        eventName: "pull_request",
        event: prEvent(5, baseSha),
        inputs: {},
        env: { GITHUB_HEAD_REF: "feature", ...env },
        ...(whileRunning ? { whileRunning } : {}),
      });
    // The new job goes out while the previous render's preview is still being made; then the
    // runner cancels.
    const cancelled = await pr({ AGENTFRAMER_FFMPEG: hangingFfmpeg }, (child) => {
      void (async () => {
        await waitFor(() => existsSync(started), 30_000, "the previous render's preview");
        try {
          await waitFor(() => emulator!.ledger.jobs().length === 2, 30_000, "the new job");
        } finally {
          child.kill("SIGINT");
        }
      })().catch(() => {});
    });
    // The one signal was enough: the step ended by itself (ffmpeg stopped), stopped early.
    expect(cancelled.killed, cancelled.stdout).toBe(false);
    expect(cancelled.signal).toBeNull();
    expect(cancelled.status).toBe(1);
    expect(stoppingLines(cancelled.stdout)).toBe(1);
    expect(cancelled.stdout).toContain("stopped early: interrupted");
    // The job in flight is in the journal; the lock still parses and names the old render.
    expect(inFlight()).toEqual(["clip"]);
    expect(lockAssets()).toEqual(["clip"]);
    // The comment says so, and how to go on.
    expect(stub.commentsOn(5)[0]?.body).toContain(
      "**Stopped early:** interrupted — run the same command again to resume 1 job in flight",
    );

    stopFastForward = fastForward(emulator);
    const again = await pr(noFfmpeg);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/resuming 1 job an interrupted run left in flight/);
    const jobs = emulator.ledger.jobs();
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(emulator.ledger.jobsByKey(job.key)).toHaveLength(1);
    expect(journalRecords()).toEqual([]);
  }, 180_000);
});
