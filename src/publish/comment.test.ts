import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGitHubStub, type GitHubStub } from "../../test/support/github-stub.js";
import { commentMarker, upsertStickyComment, type CommentApi } from "./comment.js";
import { createCommentApi } from "./github-api.js";

let stub: GitHubStub;
let api: CommentApi;
beforeEach(async () => {
  stub = await startGitHubStub("octo", "media");
  api = await createCommentApi("ghs_test_token", { owner: "octo", repo: "media" }, stub.url);
});
afterEach(() => stub.close());

const marker = commentMarker("agentframer.yml");

describe("upsertStickyComment through Octokit", () => {
  it("creates one comment, then edits it in place on later runs", async () => {
    const first = await upsertStickyComment(api, 7, marker, `${marker}\nrun 1`);
    const second = await upsertStickyComment(api, 7, marker, `${marker}\nrun 2`);
    expect(first.action).toBe("created");
    expect(second).toEqual({ id: first.id, action: "updated" });
    expect(stub.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nrun 2`]);
    expect(stub.requests.every((r) => r.authorization === "token ghs_test_token")).toBe(true);
  });

  it("finds its comment beyond the first page of a busy PR", async () => {
    for (let i = 0; i < 250; i++) stub.seed(7, `chatter ${i}`);
    const mine = stub.seed(7, `${marker}\nold`, "github-actions[bot]");
    for (let i = 0; i < 30; i++) stub.seed(7, `more chatter ${i}`);
    const outcome = await upsertStickyComment(api, 7, marker, `${marker}\nnew`);
    expect(outcome).toEqual({ id: mine.id, action: "updated" });
    expect(stub.commentsOn(7)).toHaveLength(281);
    expect(
      stub.requests
        .filter((r) => r.method === "GET")
        .map((r) => new URL(r.path, stub.url).searchParams.get("page") ?? "1"),
    ).toEqual(["1", "2", "3"]);
  });

  it("keeps one comment per manifest, and ignores a quote of the marker", async () => {
    const other = commentMarker("site/agentframer.yml");
    stub.seed(7, `> ${marker}\n> quoted by a reviewer`);
    await upsertStickyComment(api, 7, marker, `${marker}\nroot`);
    await upsertStickyComment(api, 7, other, `${other}\nsite`);
    await upsertStickyComment(api, 7, marker, `${marker}\nroot again`);
    expect(stub.commentsOn(7).map((c) => c.body)).toEqual([
      `> ${marker}\n> quoted by a reviewer`,
      `${marker}\nroot again`,
      `${other}\nsite`,
    ]);
  });

  it("passes GitHub's refusal up as an error with its status", async () => {
    stub.failNext(403);
    await expect(upsertStickyComment(api, 7, marker, `${marker}\nx`)).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("commentMarker", () => {
  it("is an HTML comment naming the manifest", () => {
    expect(commentMarker("docs/agentframer.yml")).toBe(
      "<!-- agentframer-render: docs/agentframer.yml -->",
    );
  });

  it("cannot be closed early by a hostile path", () => {
    const m = commentMarker("a-->b<c>%--d");
    expect(m.indexOf("-->")).toBe(m.length - 3);
    expect(m).not.toMatch(/<(?!!--)/);
  });
});
