/**
 * The built action on push and on a pull request: it commits on push, then keeps exactly one
 * sticky comment on the PR with new, changed and failed assets and an inert hostile prompt.
 */
import { describe, expect, it } from "vitest";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { API_KEY, BASE_MANIFEST, HOSTILE_PROMPT, PR_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();

describe("the built action on push and pull_request", () => {
  it("commits on push, then keeps one sticky comment on the PR: new, changed, failed, escaped", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST, "README.md": "media\n" });

    // Push to main: render both assets and commit them with the lockfile.
    const push = await h.run("push", pushEvent("0".repeat(40), "add manifest"));
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const base = h.remote.remoteHead();
    expect(push.outputs["commit-sha"]).toBe(base);
    expect(h.remote.filesIn(base)).toEqual([
      "agentframer.lock",
      "public/hero.png",
      "public/logo.png",
    ]);
    expect(JSON.parse(push.outputs["changed-files"] ?? "")).toEqual([
      "agentframer.lock",
      "public/hero.png",
      "public/logo.png",
    ]);
    expect(push.outputs.rendered).toBe("2");
    expect(h.remote.git(["log", "-1", "--format=%an <%ae>", base], h.remote.bare).trim()).toBe(
      "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
    );

    // A PR edits the manifest. Two workflow runs, each from a fresh checkout.
    h.remote.git(["checkout", "--quiet", "-b", "feature"]);
    h.commitLocally({ "agentframer.yml": PR_MANIFEST }, "edit manifest");
    const first = await h.run("pull_request", prEvent(7, base), {}, { GITHUB_HEAD_REF: "feature" });
    h.freshCheckout();
    const second = await h.run(
      "pull_request",
      prEvent(7, base),
      {},
      { GITHUB_HEAD_REF: "feature" },
    );

    expect(JSON.parse(second.outputs.result ?? "{}").counts).toMatchObject({ restored: 2 });
    // One failed asset: the step fails (fail-on-error defaults to true), the rest is published.
    for (const r of [first, second]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("::error::1 asset failed to render");
      expect(r.outputs).toMatchObject({
        // The second run restores the first one's renders from the store instead of paying again.
        rendered: r === first ? "2" : "0",
        unchanged: "1",
        failed: "1",
        "commit-sha": "",
      });
    }
    const comments = h.stub.commentsOn(7);
    expect(comments).toHaveLength(1);
    const commentPosts = h.stub.requests.filter(
      (r) => r.method === "POST" && r.path !== "/graphql",
    );
    expect(commentPosts).toHaveLength(1);
    expect(h.stub.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(first.outputs["comment-id"]).toBe(String(comments[0]?.id));
    expect(second.outputs["comment-id"]).toBe(String(comments[0]?.id));
    // The PR's pushes stay untouched: comment mode commits nothing.
    expect(h.remote.remoteHead()).toBe(base);

    const body = comments[0]?.body ?? "";
    expect(body.split("\n")[0]).toBe("<!-- agentframer-render: agentframer.yml -->");
    // The comment as the second run left it: both renders restored, previews kept.
    // The header: no new job, both renders from the store (the cost line), the failure, the rest.
    expect(body).toMatch(
      /\n\*\*No new renders · 0 credits\*\* · 2 reused from an earlier run: .* · ❌ \*\*1 failed\*\* · 1 unchanged\n\n/,
    );
    // What to do next: fix the failed asset where it is declared, then push.
    expect(body).toMatch(
      /\n\*\*Next:\*\* fix <code>huge<\/code> at <a href="https:\/\/github\.com\/octo\/media\/blob\/[0-9a-f]{40}\/agentframer\.yml#L\d+"><code>agentframer\\\.yml\\:\d+<\/code><\/a> \(the reason is under Failed\), then push;/,
    );
    const row = (id: string) =>
      body.split("\n").find((l) => l.includes(`<code>${id}</code>`)) ?? "";
    expect(row("hero")).toMatch(
      /^\| <code>hero<\/code><br>♻️ reused from an earlier run \(no job\): prompt changed<br>/,
    );
    // Before (as committed on the base), then after (from the store branch, never the API's URL).
    expect(row("hero")).toMatch(
      new RegExp(
        `blob/${base}/public/hero\\.png\\?raw=true.*alt="before".*blob/[0-9a-f]{40}/[0-9a-f]{2}/[0-9a-f]+\\.png\\?raw=true.*alt="after"`,
      ),
    );
    expect(body).not.toContain(h.emulator.resultsOrigin);
    expect(row("hero")).toContain(
      "<br><sub>A cozy reading nook <del>in morning light</del> <ins>at dusk</ins></sub> |",
    );
    expect(row("banner")).toMatch(
      /^\| <code>banner<\/code><br>♻️ reused from an earlier run \(no job\)<br>.* \| — \| <a href/,
    );
    expect(body).toMatch(
      /#### Failed \(1\)\n\n\| Asset \| Reason \|\n\|---\|---\|\n\| <code>huge<\/code>.*bytes.*\|/,
    );
    expect(body).toMatch(
      /<details><summary>Unchanged and skipped \(1\)<\/summary>[\s\S]*<code>logo<\/code>/,
    );

    // The hostile prompt comes out inert.
    expect(body).toContain(
      "&lt;img src=x onerror=alert\\(1\\)&gt; \\!\\[pwn\\]\\(https\\://evil\\.test/p\\.png\\) " +
        "\\[click\\]\\(https\\://evil\\.test\\) @\u2060octocat #\u20601 \\| &lt;/td&gt;",
    );
    for (const bad of ["<img src=x", "](https://evil", "@octocat", "</td>"])
      expect(body).not.toContain(bad);
    expect(HOSTILE_PROMPT).toContain("@octocat");

    // The job summary has the same tables.
    expect(first.summary).toContain("<code>banner</code>");
    expect(first.summary).toContain("#### Failed (1)");
    expect(first.summary).toContain(
      `[PR comment](https://github.com/octo/media/pull/7#issuecomment-${comments[0]?.id})`,
    );
    const result = JSON.parse(first.outputs.result ?? "{}") as {
      assets: Array<{ id: string; status: string; error?: string }>;
    };
    expect(result.assets.map((a) => [a.id, a.status])).toEqual([
      ["hero", "rendered"],
      ["logo", "unchanged"],
      ["banner", "rendered"],
      ["huge", "failed"],
    ]);
    expect(h.stub.requests.every((r) => r.authorization === "token ghs_stub_token")).toBe(true);
    h.expectKeyNowhere();
  });
});

describe("the API key", () => {
  it("appears in no byte the action wrote or printed, and the runner was told to mask it", () => {
    h.expectKeyNeverPrinted();
    for (const r of h.runs) expect(r.stdout).toContain(`::add-mask::${API_KEY}`);
  });
});
