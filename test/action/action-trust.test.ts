/**
 * The built action in a real repository's first week: a stranger's comment that carries the
 * marker, a branch protected against the action's push, outputs checked out as Git LFS pointers,
 * failed assets shown at their lines, and the fork-safe pattern's privileged half given a PR
 * number that is not the run's.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { BASE_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
const MARKER = "<!-- agentframer-render: agentframer.yml -->";

describe("whose sticky comment the built action edits", () => {
  it("leaves a planted marker comment untouched and writes, then edits, its own", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const planted = h.stub.seed(7, `${MARKER}\nAll renders approved, merge away.`, "mallory");
    const base = h.remote.remoteHead();

    const first = await h.run("pull_request", prEvent(7, base), {}, { GITHUB_HEAD_REF: "feature" });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    h.freshCheckout();
    const second = await h.run(
      "pull_request",
      prEvent(7, base),
      {},
      { GITHUB_HEAD_REF: "feature" },
    );
    expect(second.code).toBe(0);

    const comments = h.stub.commentsOn(7);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({
      id: planted.id,
      body: `${MARKER}\nAll renders approved, merge away.`,
      updatedAt: planted.createdAt,
    });
    const own = comments[1];
    expect(own?.user.login).toBe("github-actions[bot]");
    expect(own?.body.split("\n")[0]).toBe(MARKER);
    expect(first.outputs["comment-id"]).toBe(String(own?.id));
    expect(second.outputs["comment-id"]).toBe(String(own?.id));
    const writes = h.stub.requests.filter((r) => r.method === "PATCH" || r.method === "POST");
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /graphql",
      "POST /repos/octo/media/issues/7/comments",
      "POST /graphql",
      `PATCH /repos/octo/media/issues/comments/${own?.id}`,
    ]);
    expect(first.stdout).toMatch(/::warning::publish: left alone 1 comment\(s\) by mallory/);
    h.expectKeyNowhere();
  });
});

describe("a push the remote refuses", () => {
  it("fails after one attempt with a message naming branch protection", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const before = h.remote.remoteHead();
    h.remote.refusePushes("error: GH006: Protected branch update failed for refs/heads/main.");
    // The remote refuses every push, the store branch's too: this test is about the commit's.
    const run = await h.run("push", pushEvent("0".repeat(40), "add manifest"), { store: "none" });
    expect(run.code).toBe(1);
    expect(h.remote.refusedPushes()).toBe(1);
    expect(h.remote.remoteHead()).toBe(before);
    expect(run.stdout).toMatch(
      /::error::push to main was refused by the remote, not raced: branch protection.*GH006: Protected branch update failed.*publish: comment/,
    );
    expect(run.stdout).not.toContain("kept moving");
    // What rendered is paid for and still reported.
    expect(run.outputs.rendered).toBe("2");
    expect(run.outputs["commit-sha"]).toBe("");
  });
});

describe("outputs checked out as Git LFS pointers", () => {
  it("counts pointers to the locked bytes as unchanged: no job, one line naming LFS", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const push = await h.run("push", pushEvent("0".repeat(40), "add manifest"));
    expect(push.code, push.stdout + push.stderr).toBe(0);
    h.remote.git(["pull", "--quiet", "--ff-only"]);
    h.freshCheckout();
    // What actions/checkout leaves without `lfs: true`: each output is its pointer file.
    for (const output of ["public/hero.png", "public/logo.png"]) {
      const path = join(h.remote.clone, output);
      const bytes = readFileSync(path);
      const oid = createHash("sha256").update(bytes).digest("hex");
      writeFileSync(
        path,
        `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${bytes.length}\n`,
      );
    }
    const creates = h.emulator.ledger.requests.create;
    const head = h.remote.remoteHead();
    const run = await h.run("schedule", { schedule: "0 3 * * *" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(run.outputs).toMatchObject({ rendered: "0", unchanged: "2", "commit-sha": "" });
    expect(run.stdout.split("\n").filter((line) => /LFS/.test(line))).toEqual([
      expect.stringContaining("2 outputs are Git LFS pointers (LFS files were not fetched)"),
    ]);
    expect(h.remote.remoteHead()).toBe(head);
  });
});

describe("failed assets", () => {
  it("are annotated at the asset's manifest line, and an each: row at its data file line", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({
      "agentframer.yml": `${BASE_MANIFEST}  - id: huge
    prompt: Too big to render
    output: public/huge.png
    params: { bytes: -1 } # unchecked by the loader; the API refuses it
  - id: size-{{name}}
    each: data/sizes.csv
    prompt: A {{name}} swatch
    output: public/sizes/{{name}}.png
    params: { height: "{{height}}" }
`,
      // CSV cells are strings, and the API wants a whole number: every row fails.
      "data/sizes.csv": "name,height\nsmall,32\n\nlarge,64\n",
    });
    const run = await h.run("schedule", { schedule: "0 3 * * *" }, { publish: "none" });
    expect(run.code).toBe(1);
    const annotations = run.stdout
      .split("\n")
      .filter((line) => line.startsWith("::error title=agentframer render,"));
    expect(annotations).toEqual([
      expect.stringMatching(
        /^::error title=agentframer render,file=agentframer\.yml,line=13,col=\d+::asset "huge" failed to render: .*bytes/,
      ),
      expect.stringMatching(
        /^::error title=agentframer render,file=data\/sizes\.csv,line=2,col=1::asset "size-small" failed to render: .*height/,
      ),
      expect.stringMatching(
        /^::error title=agentframer render,file=data\/sizes\.csv,line=4,col=1::asset "size-large" failed to render: .*height/,
      ),
    ]);
    expect(JSON.parse(run.outputs.result ?? "{}").counts).toMatchObject({
      rendered: 2,
      failed: 3,
    });
  });
});

describe("the fork-safe pattern's privileged half", () => {
  it("refuses a PR number that is not the PR of the run's head commit, and spends nothing", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const head = h.remote.git(["rev-parse", "HEAD"]).trim();
    h.stub.addPull({
      number: 7,
      headSha: head,
      headRef: "feature",
      headRepo: "stranger/media",
      baseSha: head,
    });
    h.stub.addPull({
      number: 3,
      headSha: "d".repeat(40),
      headRef: "docs",
      headRepo: "octo/media",
      baseSha: head,
    });
    const event = {
      action: "completed",
      workflow_run: {
        event: "pull_request",
        conclusion: "success",
        head_sha: head,
        head_branch: "feature",
        head_repository: { full_name: "stranger/media" },
        pull_requests: [],
      },
    };
    const creates = h.emulator.ledger.requests.create;
    // The number a fork's copy of half 1 would write into its artifact: someone else's PR.
    const forged = await h.run("workflow_run", event, { publish: "comment", "pull-request": "3" });
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(
      /::error::agentframer render refused this workflow_run: no single open pull request has stranger\/media:feature at [0-9a-f]{40} as its head \(found: #7\)\. The pull-request input asked for #3/,
    );
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(h.stub.comments).toEqual([]);

    // Without the input, the PR comes from the API: #7, the one whose head is this commit.
    const trusted = await h.run("workflow_run", event, { publish: "comment" });
    expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0);
    expect(trusted.outputs.rendered).toBe("2");
    expect(h.stub.commentsOn(7)).toHaveLength(1);
    expect(h.stub.commentsOn(3)).toEqual([]);
    h.expectKeyNowhere();
  });
});

describe("the API key", () => {
  it("appears in no byte the action wrote or printed", () => {
    h.expectKeyNeverPrinted();
  });
});
