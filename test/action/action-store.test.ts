/**
 * The PR → merge story over real loopback things: the built action, the emulator, a bare git
 * remote as `origin` (configured as GitHub is: partial clone allowed) and the GitHub stand-in.
 * The PR's comment shows each render from the store branch; a day later, with the API's keys
 * forgotten and its result URLs expired, the merge restores those very bytes with no new job.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { allowPartialClone } from "../support/store-remote.js";
import { BASE_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();

const PR_MANIFEST = BASE_MANIFEST.replace("in morning light", "at dusk").concat(
  "  - id: banner\n    prompt: A paper boat on a still lake\n    output: public/banner.png\n",
);
const DAY_MS = 24 * 60 * 60 * 1000;
const STORE_URL = /https:\/\/github\.com\/octo\/media\/blob\/([0-9a-f]{40})\/([^"?]+)\?raw=true/;

/** The "after" image of each rendered row: the store commit and path its URL names. */
function afterImages(body: string): Map<string, { commit: string; path: string }> {
  const images = new Map<string, { commit: string; path: string }>();
  for (const line of body.split("\n")) {
    const id = /<code>([a-z]+)<\/code>/.exec(line)?.[1];
    // The full file the preview links to (the preview itself is a small WebP beside it).
    const after = /<a href="([^"]+)"><img src="[^"]+" width="280" alt="after">/.exec(line)?.[1];
    const match = after ? STORE_URL.exec(after) : null;
    if (id && match) images.set(id, { commit: match[1]!, path: match[2]! });
  }
  return images;
}

describe("the store across a pull request and its merge", () => {
  it("previews from the store, then the merge restores those bytes with zero new jobs", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST, "README.md": "media\n" });
    allowPartialClone(h.remote.bare);
    const show = (rev: string) =>
      execFileSync("git", ["cat-file", "blob", rev], {
        cwd: h.remote.bare,
        env: { ...process.env, ...GIT_TEST_ENV },
      });
    const blob = (rev: string) => h.remote.git(["rev-parse", rev], h.remote.bare).trim();

    const push = await h.run("push", pushEvent("0".repeat(40), "add manifest"));
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const base = h.remote.remoteHead();

    h.remote.git(["checkout", "--quiet", "-b", "feature"]);
    h.commitLocally({ "agentframer.yml": PR_MANIFEST }, "hero at dusk, and a banner");
    const prEnv = { GITHUB_HEAD_REF: "feature", GITHUB_RUN_ID: "4242" };
    const first = await h.run("pull_request", prEvent(7, base), {}, prEnv);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs.rendered).toBe("2");
    const rendered = {
      hero: readFileSync(join(h.remote.clone, "public/hero.png")),
      banner: readFileSync(join(h.remote.clone, "public/banner.png")),
    };

    // A second push to the PR from a fresh checkout (no Actions cache): both renders come back
    // from the store and keep their previews; nothing is rendered again.
    h.freshCheckout();
    const second = await h.run("pull_request", prEvent(7, base), {}, prEnv);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs.rendered).toBe("0");

    const [comment] = h.stub.commentsOn(7);
    const body = comment?.body ?? "";
    const images = afterImages(body);
    expect([...images.keys()].sort()).toEqual(["banner", "hero"]);
    // Each preview resolves, in the remote, to exactly the bytes the PR run rendered.
    for (const [id, { commit, path }] of images) {
      expect(h.remote.git(["branch", "--contains", commit], h.remote.bare)).toContain(
        "agentframer-store",
      );
      expect(show(`${commit}:${path}`).equals(rendered[id as keyof typeof rendered]), id).toBe(
        true,
      );
    }
    // Restored from the store, each keeps its review preview, checked before it is shown.
    expect(body.match(/\.preview\.webp\?raw=true" width="280" alt="after">/g)).toHaveLength(2);
    expect(body).toMatch(
      /\n\*\*No new renders · 0 credits\*\* · 2 reused from an earlier run: [^\n]*· 1 unchanged\n/,
    );
    expect(body).toContain(
      "\n**Next:** review the renders below. Merging commits these exact renders: the default branch restores them from the store, byte for byte, with no new job.\n",
    );
    expect(body).toContain('<a href="https://github.com/octo/media/actions/runs/4242">');
    expect(body).not.toContain(h.emulator.resultsOrigin);
    const prGeneration = (
      JSON.parse(first.outputs.result ?? "{}") as {
        assets: Array<{ id: string; generation?: string }>;
      }
    ).assets.find((a) => a.id === "hero")?.generation;

    // A day and a half later the API has forgotten the keys and every result URL has expired.
    h.emulator.advanceClock(1.5 * DAY_MS);
    const postsBefore = h.emulator.ledger.requests.create;

    // The merge: main gets the PR's manifest; its push run restores from the store.
    h.freshCheckout();
    h.remote.git(["checkout", "--quiet", "main"]);
    h.remote.git(["merge", "--quiet", "--no-ff", "-m", "Merge pull request #7", "feature"]);
    h.remote.git(["push", "--quiet", "origin", "main"]);
    const merge = await h.run("push", pushEvent(base, "Merge pull request #7"));
    expect(merge.code, merge.stdout + merge.stderr).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(postsBefore);
    expect(merge.outputs.rendered).toBe("0");
    expect(
      merge.summary.match(/\.preview\.webp\?raw=true" width="280" alt="after">/g),
    ).toHaveLength(2);

    const committed = h.remote.remoteHead();
    for (const [id, { commit, path }] of images) {
      expect(blob(`${committed}:public/${id}.png`)).toBe(blob(`${commit}:${path}`));
    }
    const lock = JSON.parse(show(`${committed}:agentframer.lock`).toString("utf8")) as {
      assets: Record<string, { generation: string }>;
    };
    expect(lock.assets.hero?.generation).toBe(prGeneration);
    h.expectKeyNowhere();
  });

  it("a fork's pull_request run never writes to the store", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    const base = h.remote.remoteHead();
    const run = await h.run("pull_request", prEvent(9, base, true), { publish: "none" });
    expect(run.stdout).toContain("comes from a fork");
    expect(() =>
      h.remote.git(["rev-parse", "--verify", "refs/heads/agentframer-store"], h.remote.bare),
    ).toThrow();
  });
});
