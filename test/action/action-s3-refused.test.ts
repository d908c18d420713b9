/**
 * The built action on a pull request, with an S3 store whose credentials may read but not write
 * (S3 answers each PUT 403 AccessDenied; the stand-in server on 127.0.0.1 answers as S3 does).
 * The run passes with its renders on disk; the comment and the summary say per render why there is
 * no picture and name the fix, s3:PutObject for those credentials, never "re-run" nor the git
 * store's `contents: write`; the log's annotation says the same; no object was asked twice.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { startFakeS3, type FakeS3 } from "../support/fake-s3.js";
import { BASE_MANIFEST, renderRows } from "./fixtures.js";
import { prEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
let s3: FakeS3;
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(() => s3.close());

const DOCS = "https://github.com/agentframer/render/blob/main/docs/action.md";

describe("the action, an S3 store that refuses the run's writes", () => {
  it("passes, and every render says it is not in the store because the credentials lack s3:PutObject", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    s3.denyWrites = true;
    const base = h.remote.remoteHead();

    const run = await h.run(
      "pull_request",
      prEvent(7, base),
      { store: `s3://${s3.bucket}/previews` },
      { ...s3.env, GITHUB_HEAD_REF: "feature" },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.rendered).toBe("2");
    expect(existsSync(join(h.remote.clone, "public/hero.png"))).toBe(true);

    const puts = s3.requests.filter((r) => r.startsWith("PUT "));
    expect(puts.length).toBeGreaterThan(0);
    expect(new Set(puts).size).toBe(puts.length);
    expect(s3.objects.size).toBe(0);

    const body = h.stub.commentsOn(7)[0]?.body ?? "";
    for (const text of [body, run.summary]) {
      const rows = renderRows(text);
      expect([...rows.keys()].sort()).toEqual(["hero", "logo"]);
      for (const [id, cells] of rows) {
        expect(cells[2], id).toBe(
          "<sub>📭 No preview: not in the store, whose credentials may read but not write it. Allow " +
            `<code>s3:PutObject</code> on the store's bucket and prefix for them (<a href="${DOCS}#when-the-store-cannot-be-written">how</a>).</sub>`,
        );
      }
      expect(text).toContain(
        `This run may not write to the store (s3\\://${s3.bucket}/previews): S3 refused the upload (403)`,
      );
      expect(text).toContain("**Next:** allow `s3:PutObject` on the store's bucket and prefix");
      expect(text).not.toMatch(/re-run|contents: write|Merging commits these exact renders/i);
    }
    // One annotation with the fix; the store's own message (in the render group) names the ARN.
    expect(run.stdout).toMatch(
      /^::warning::the store \(s3:\/\/media\/previews\) refused this run's upload \(403\).*s3:PutObject/m,
    );
    expect(run.stdout).toContain("s3:PutObject on arn:aws:s3:::media/previews/*");
    expect(run.stdout).not.toMatch(/re-run this job/i);
    h.expectKeyNowhere();
  });
});
