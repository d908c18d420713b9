/**
 * The built action with `outputs: store` and an S3-compatible store (s3rver on loopback) that
 * refuses the run's credentials: the step fails with the store's message, its outputs count the
 * assets as failed, and the commit's lock claims nothing the store does not hold. The next run,
 * with working credentials, writes the bytes from the cache and commits the lock, with no new job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenderResult } from "../../src/render/result.js";
import type { Lockfile } from "../../src/state/lock-types.js";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { startS3Server, type S3Server } from "../support/s3-server.js";
import { BASE_MANIFEST } from "./fixtures.js";
import { pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3.close());

const STORE_ONLY = BASE_MANIFEST.replace("version: 1\n", "version: 1\noutputs: store\n");

describe("the action, outputs: store, when the store refuses the write", () => {
  it("fails the step, reports the assets failed, commits no entry the store lacks, and the next run writes them without a job", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({
      "agentframer.yml": STORE_ONLY,
      ".gitignore": "public/\n",
    });
    const first = h.remote.remoteHead();
    const store = { store: `s3://${s3.bucket}/action` };
    const lockAtHead = (): Lockfile["assets"] => {
      try {
        const text = h.remote.git(["show", "HEAD:agentframer.lock"], h.remote.bare);
        return (JSON.parse(text) as Lockfile).assets;
      } catch {
        return {};
      }
    };

    const refused = await h.run("push", pushEvent(first, "outputs in the store"), store, {
      ...s3.env,
      AWS_ACCESS_KEY_ID: "REVOKED",
    });
    expect(refused.code).not.toBe(0);
    expect(refused.outputs.failed).toBe("2");
    expect(refused.outputs.rendered).toBe("0");
    const result = JSON.parse(refused.outputs.result ?? "{}") as RenderResult;
    expect(result.assets.map((a) => [a.id, a.status, a.error])).toEqual(
      ["hero", "logo"].map((id) => [
        id,
        "failed",
        "not written to the store (writing failed), so not recorded in agentframer.lock; the next run writes it from .agentframer/cache with no new job",
      ]),
    );
    expect(result.store?.error).toContain("403 InvalidAccessKeyId");
    expect(refused.stdout).toContain(
      `2 new outputs did not reach the store (s3://${s3.bucket}/action): writing failed: `,
    );
    expect(refused.stdout).toContain("2 assets failed");
    // Only in the runner's own mask command, which the runner consumes: never in the log.
    const logged = refused.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(logged.join("\n")).not.toContain("REVOKED");
    expect(lockAtHead()).toEqual({});
    const posts = h.emulator.ledger.requests.create;

    const fixed = await h.run("push", pushEvent(first, "outputs in the store"), store, s3.env);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(posts);
    const counts = (JSON.parse(fixed.outputs.result ?? "{}") as RenderResult).counts;
    expect(counts).toMatchObject({ rendered: 0, restored: 2, failed: 0 });
    expect(Object.keys(lockAtHead()).sort()).toEqual(["hero", "logo"]);
    h.expectKeyNeverPrinted();
  });
});
