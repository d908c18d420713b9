/**
 * A GitHub API that accepts the connection and never answers once held the built action's step
 * until the runner killed it. Every GitHub call now has a deadline (AGENTFRAMER_GITHUB_TIMEOUT_MS
 * makes it quick here); the step ends by itself, says which call timed out, and still reports what
 * it rendered.
 */
import { describe, expect, it } from "vitest";
import { runDistAction } from "../support/action-runner.js";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { API_KEY, BASE_MANIFEST } from "../action/fixtures.js";
import { prEvent, useActionHarness } from "../action/harness.js";

const h = useActionHarness();
const TOKEN = "ghs_stub_token";

describe("a GitHub API that never answers", () => {
  it("ends the step by its deadline, with a message that says which call and what to do", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    h.stub.hang();
    const run = await runDistAction({
      workspace: h.remote.clone,
      inputs: {
        "api-key": API_KEY,
        "api-url": h.emulator.apiUrl,
        "github-token": TOKEN,
        cache: "false",
        store: "none",
      },
      eventName: "pull_request",
      event: prEvent(7, h.remote.remoteHead()),
      githubApiUrl: h.stub.url,
      env: {
        GITHUB_SHA: h.remote.git(["rev-parse", "HEAD"]).trim(),
        GITHUB_HEAD_REF: "feature",
        AGENTFRAMER_GITHUB_TIMEOUT_MS: "500",
      },
      // The runner's job timeout, far beyond the deadline: the step must end long before it.
      killAfterMs: 20_000,
    });
    expect(run.killed, "the step hung until the runner killed it").toBe(false);
    expect(h.stub.requests.length).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/GitHub API did not answer within 0\.5 s/);
    // What rendered is still reported.
    expect(run.outputs.rendered).toBe("2");
  });
});
