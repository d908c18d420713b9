/**
 * The built action on a fork PR (plan only, nothing spent), in a push race (rebase and retry, then
 * the loop guard) and without the cache service (a warning, and the render goes on).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { BASE_MANIFEST, PR_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();

describe("the built action on forks, races and a missing cache", () => {
  it("on a fork PR only plans: nothing created on the server, exit 0, the plan in the summary", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": PR_MANIFEST });
    const createsBefore = h.emulator.ledger.requests.create;
    const jobsBefore = h.emulator.ledger.jobs().length;
    // A fork PR gets no secrets: the api-key input is empty.
    const fork = await h.run("pull_request", prEvent(8, h.remote.remoteHead(), true), {
      "api-key": "",
    });
    expect(fork.code, fork.stdout + fork.stderr).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(createsBefore);
    expect(h.emulator.ledger.jobs().length).toBe(jobsBefore);
    expect(fork.stdout).toMatch(
      /::warning::This pull request comes from a fork.*docs\/action\.md#fork-pull-requests/,
    );
    expect(fork.stdout).not.toContain("::error");
    expect(fork.summary).toContain("Would render (4)");
    expect(fork.summary).toContain("Plan only: nothing was submitted, nothing was spent.");
    expect(fork.outputs).toMatchObject({
      rendered: "0",
      failed: "0",
      "changed-files": "[]",
      "comment-id": "",
      "commit-sha": "",
    });
    expect(h.stub.requests).toEqual([]);
    expect(h.remote.git(["status", "--porcelain"])).toBe("");

    // Even with a key configured, a fork PR spends nothing.
    const withKey = await h.run("pull_request", prEvent(8, h.remote.remoteHead(), true));
    expect(withKey.code).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(createsBefore);
    h.expectKeyNowhere();
  });

  it("resolves a push race by rebasing onto the moved remote", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    // Someone pushes after the workflow checked out, before it pushes.
    const theirs = h.remote.pushFromElsewhere({ "docs/notes.md": "unrelated\n" }, "their change");
    const race = await h.run("push", pushEvent("0".repeat(40), "x"));
    expect(race.code, race.stdout + race.stderr).toBe(0);
    const head = h.remote.remoteHead();
    expect(race.outputs["commit-sha"]).toBe(head);
    expect(h.remote.git(["rev-parse", `${head}^`], h.remote.bare).trim()).toBe(theirs);
    expect(h.remote.filesIn(head)).toEqual([
      "agentframer.lock",
      "public/hero.png",
      "public/logo.png",
    ]);
    expect(race.stdout).toMatch(/committed [0-9a-f]{40} \(3 files\) after 1 rebase/);

    // Its own push comes back as a push event: the loop guard stops there, spending nothing.
    const creates = h.emulator.ledger.requests.create;
    const message = h.remote.git(["log", "-1", "--format=%B", head], h.remote.bare);
    h.remote.git(["pull", "--quiet", "--ff-only"]);
    const again = await h.run("push", pushEvent(theirs, message));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      "::notice::This push was committed by agentframer render itself",
    );
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(h.remote.remoteHead()).toBe(head);
    h.expectKeyNowhere();
  });

  it("carries on with a warning when the cache service is not there", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const cached = await h.run(
      "schedule",
      { schedule: "0 3 * * *" },
      { cache: "true", publish: "none" },
    );
    expect(cached.code, cached.stdout + cached.stderr).toBe(0);
    expect(cached.stdout).toContain("::warning::The Actions cache service is not available here");
    expect(cached.outputs.rendered).toBe("2");
    expect(readFileSync(join(h.remote.clone, "public/hero.png")).subarray(1, 4).toString()).toBe(
      "PNG",
    );
    h.expectKeyNowhere();
  });

  it("annotates a broken manifest at its lines, fails, and submits nothing", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({
      "agentframer.yml": BASE_MANIFEST.replace("    prompt: A minimal geometric fox head\n", ""),
    });
    const creates = h.emulator.ledger.requests.create;
    const broken = await h.run("push", pushEvent("0".repeat(40), "break it"));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /^::error title=agentframer manifest,file=agentframer\.yml,line=\d+,col=\d+::.*prompt/m,
    );
    expect(broken.stdout).toContain("::error::The manifest has 1 problem; nothing was submitted.");
    expect(broken.summary).toContain("The manifest has 1 problem");
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(h.remote.git(["status", "--porcelain"])).toBe("");
  });
});

describe("the API key", () => {
  it("appears in no byte the action wrote or printed", () => {
    h.expectKeyNeverPrinted();
  });
});
