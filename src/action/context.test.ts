import { describe, expect, it } from "vitest";
import { readRunContext } from "./context.js";
import { eventFile, pullRequestEvent, pushEvent } from "../../test/support/action-host.js";

const base = { GITHUB_REPOSITORY: "octo/media", GITHUB_SHA: "f".repeat(40) };

describe("readRunContext", () => {
  it("reads a same-repository pull request", () => {
    const ctx = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventFile(
        pullRequestEvent(9, { baseSha: "a".repeat(40), headRef: "feat" }),
      ),
    });
    expect(ctx).toMatchObject({
      owner: "octo",
      repo: "media",
      beforeSha: "a".repeat(40),
      branch: "feat",
      serverUrl: "https://github.com",
    });
    expect(ctx.pullRequest).toEqual({
      number: 9,
      baseSha: "a".repeat(40),
      headRef: "feat",
      fromFork: false,
    });
  });

  it("marks a fork PR, and one whose fork was deleted", () => {
    const fork = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventFile(pullRequestEvent(9, { fork: true })),
    });
    expect(fork.pullRequest?.fromFork).toBe(true);
    const payload = pullRequestEvent(9);
    (payload.pull_request.head as { repo: unknown }).repo = null;
    const deleted = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventFile(payload),
    });
    expect(deleted.pullRequest?.fromFork).toBe(true);
  });

  it("reads a push: its previous head, branch and head commit message", () => {
    const ctx = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "push",
      GITHUB_REF: "refs/heads/main",
      GITHUB_EVENT_PATH: eventFile(pushEvent("e".repeat(40), "msg")),
    });
    expect(ctx).toMatchObject({
      pullRequest: undefined,
      beforeSha: "e".repeat(40),
      branch: "main",
      headCommitMessage: "msg",
    });
  });

  it("falls back to GITHUB_SHA for a new branch's push and for a schedule", () => {
    const ctx = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "push",
      GITHUB_EVENT_PATH: eventFile(pushEvent("0".repeat(40))),
    });
    expect(ctx.beforeSha).toBe("f".repeat(40));
    const schedule = readRunContext({
      ...base,
      GITHUB_EVENT_NAME: "schedule",
      GITHUB_EVENT_PATH: eventFile({ schedule: "0 3 * * *" }),
    });
    expect(schedule).toMatchObject({ pullRequest: undefined, beforeSha: "f".repeat(40) });
  });

  it("survives a missing or broken payload", () => {
    expect(
      readRunContext({
        ...base,
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: "/nonexistent",
      }).pullRequest,
    ).toBeUndefined();
    expect(
      readRunContext({
        ...base,
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: eventFile("["),
      }).pullRequest,
    ).toBeUndefined();
  });
});
