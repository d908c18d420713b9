import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGitHubStub, type GitHubStub } from "../../test/support/github-stub.js";
import { commentMarker, upsertStickyComment, type CommentApi } from "./comment.js";
import { createCommentApi } from "./github-api.js";
import { tokenIdentity, WORKFLOW_TOKEN_ACCOUNT, type IdentityLookups } from "./token-identity.js";

let stub: GitHubStub;
let api: CommentApi & IdentityLookups;
beforeEach(async () => {
  stub = await startGitHubStub("octo", "media");
  api = await createCommentApi("ghs_test_token", { owner: "octo", repo: "media" }, stub.url);
});
afterEach(() => stub.close());

const marker = commentMarker("agentframer.yml");
const bot = WORKFLOW_TOKEN_ACCOUNT;

describe("upsertStickyComment through Octokit", () => {
  it("creates one comment, then edits it in place on later runs", async () => {
    const first = await upsertStickyComment(api, 7, marker, `${marker}\nrun 1`, bot);
    const second = await upsertStickyComment(api, 7, marker, `${marker}\nrun 2`, bot);
    expect(first.action).toBe("created");
    expect(second).toMatchObject({ id: first.id, action: "updated" });
    expect(stub.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nrun 2`]);
    expect(stub.requests.every((r) => r.authorization === "token ghs_test_token")).toBe(true);
  });

  it("finds its comment beyond the first page of a busy PR", async () => {
    for (let i = 0; i < 250; i++) stub.seed(7, `chatter ${i}`);
    const mine = stub.seed(7, `${marker}\nold`, "github-actions[bot]");
    for (let i = 0; i < 30; i++) stub.seed(7, `more chatter ${i}`);
    const outcome = await upsertStickyComment(api, 7, marker, `${marker}\nnew`, bot);
    expect(outcome).toMatchObject({ id: mine.id, action: "updated" });
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
    await upsertStickyComment(api, 7, marker, `${marker}\nroot`, bot);
    await upsertStickyComment(api, 7, other, `${other}\nsite`, bot);
    await upsertStickyComment(api, 7, marker, `${marker}\nroot again`, bot);
    expect(stub.commentsOn(7).map((c) => c.body)).toEqual([
      `> ${marker}\n> quoted by a reviewer`,
      `${marker}\nroot again`,
      `${other}\nsite`,
    ]);
  });

  it("passes GitHub's refusal up as an error with its status", async () => {
    stub.failNext(403);
    await expect(upsertStickyComment(api, 7, marker, `${marker}\nx`, bot)).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("whose comment is adopted", () => {
  it("leaves a stranger's comment with the marker alone and writes its own", async () => {
    const planted = stub.seed(7, `${marker}\nplanted by a stranger`, "mallory");
    const outcome = await upsertStickyComment(api, 7, marker, `${marker}\nreal`, bot);
    expect(outcome).toMatchObject({ action: "created", passedOver: ["mallory"] });
    expect(stub.comments.find((c) => c.id === planted.id)?.body).toBe(
      `${marker}\nplanted by a stranger`,
    );
    const again = await upsertStickyComment(api, 7, marker, `${marker}\nreal 2`, bot);
    expect(again).toMatchObject({ id: outcome.id, action: "updated" });
    expect(stub.requests.filter((r) => r.method === "PATCH").map((r) => r.path)).toEqual([
      `/repos/octo/media/issues/comments/${outcome.id}`,
    ]);
  });

  it("leaves another bot's comment alone, and adopts none when the account is unknown", async () => {
    stub.seed(7, `${marker}\nfrom another app`, "some-app[bot]");
    const first = await upsertStickyComment(api, 7, marker, `${marker}\nmine`, bot);
    expect(first.passedOver).toEqual(["some-app[bot]"]);
    const unknown = await upsertStickyComment(api, 7, marker, `${marker}\nanon`, undefined);
    expect(unknown.action).toBe("created");
    expect(stub.commentsOn(7).map((c) => c.body)).toEqual([
      `${marker}\nfrom another app`,
      `${marker}\nmine`,
      `${marker}\nanon`,
    ]);
  });
});

describe("tokenIdentity against the GitHub stand-in", () => {
  it("finds the workflow token's bot through GraphQL, though GET /user refuses it", async () => {
    const identity = await tokenIdentity(api, "ghs_test_token");
    expect(identity).toEqual({ account: { login: "github-actions", bot: true }, source: "viewer" });
    // The GraphQL login has no [bot]; the comments the token writes have it, and still match.
    const created = await upsertStickyComment(api, 7, marker, `${marker}\n1`, identity.account);
    const updated = await upsertStickyComment(api, 7, marker, `${marker}\n2`, identity.account);
    expect(updated).toMatchObject({ id: created.id, action: "updated" });
  });

  it("finds a personal token's user, and adopts that user's comments only", async () => {
    stub.addToken("ghp_person", { login: "octo-maintainer", type: "User" });
    const pat = await createCommentApi("ghp_person", { owner: "octo", repo: "media" }, stub.url);
    const identity = await tokenIdentity(pat, "ghp_person");
    expect(identity).toEqual({
      account: { login: "octo-maintainer", bot: false },
      source: "viewer",
    });
    const theirs = stub.seed(7, `${marker}\nold`, "octo-maintainer");
    const outcome = await upsertStickyComment(pat, 7, marker, `${marker}\nnew`, identity.account);
    expect(outcome).toMatchObject({ id: theirs.id, action: "updated" });
  });

  it("falls back to GET /user, then to the workflow bot for an installation token", async () => {
    stub.addToken("ghp_person", { login: "octo-maintainer", type: "User" });
    const pat = await createCommentApi("ghp_person", { owner: "octo", repo: "media" }, stub.url);
    stub.failNext(502);
    expect(await tokenIdentity(pat, "ghp_person")).toEqual({
      account: { login: "octo-maintainer", bot: false },
      source: "user",
    });
    stub.failNext(502);
    expect(await tokenIdentity(api, "ghs_test_token")).toMatchObject({
      account: WORKFLOW_TOKEN_ACCOUNT,
      source: "assumed",
      reason: expect.stringContaining("GET /user: 403"),
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
