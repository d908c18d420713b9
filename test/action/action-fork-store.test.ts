/**
 * The fork-safe pattern's privileged half (`workflow_run`) and the store, through the built
 * action: with a token that may write, a fork PR's comment shows each render from the store and
 * the merge commits those very bytes with no new job; with one that may only read (a remote that
 * refuses the store branch's push), the run still passes and every render says why it has no
 * picture and what to do, and nothing promises what the merge will commit.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import { workflowRunEvent } from "../support/action-host.js";
import { startGitHubStub } from "../support/github-stub.js";
import { allowPartialClone } from "../support/store-remote.js";
import { BASE_MANIFEST, renderRows } from "./fixtures.js";
import { pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();

const FORK_MANIFEST = BASE_MANIFEST.replace("in morning light", "at dusk").concat(
  "  - id: banner\n    prompt: A paper boat on a still lake\n    output: public/banner.png\n",
);
const STORE_REF = "refs/heads/agentframer-store";
const STORE_URL = /^https:\/\/github\.com\/octo\/media\/blob\/([0-9a-f]{40})\/([^"?]+)\?raw=true$/;
const DOCS = "https://github.com/agentframer/render/blob/main/docs/action.md";
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The repository after its first rendered push, then a fork's PR checked out as half 2 checks it
 * out (the head commit, on a branch origin does not have), with the PR the API lists for it.
 */
async function forkPullRequest(): Promise<{ base: string; head: string; event: unknown }> {
  h.stub = await startGitHubStub();
  h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
  allowPartialClone(h.remote.bare);
  const push = await h.run("push", pushEvent("0".repeat(40), "add manifest"));
  expect(push.code, push.stdout + push.stderr).toBe(0);
  const base = h.remote.remoteHead();
  h.remote.git(["checkout", "--quiet", "-b", "feature"]);
  h.commitLocally({ "agentframer.yml": FORK_MANIFEST }, "hero at dusk, and a banner");
  const head = h.remote.git(["rev-parse", "HEAD"]).trim();
  h.stub.addPull({
    number: 7,
    headSha: head,
    headRef: "feature",
    headRepo: "stranger/media",
    baseSha: base,
  });
  const event = workflowRunEvent(head);
  return { base, head, event };
}

const storeTip = (): string | undefined => {
  try {
    return h.remote.git(["rev-parse", "--verify", "--quiet", STORE_REF], h.remote.bare).trim();
  } catch {
    return undefined;
  }
};

describe("a fork's pull request through the privileged half", () => {
  it("with contents: write, previews from the store, then the merge restores them with 0 jobs", async () => {
    const { base, event } = await forkPullRequest();
    const run = await h.run("workflow_run", event, { publish: "comment" }, { GITHUB_RUN_ID: "99" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.rendered).toBe("2");
    expect(run.stdout).toContain("store: git branch agentframer-store of origin, read and write");
    const rendered = {
      hero: readFileSync(join(h.remote.clone, "public/hero.png")),
      banner: readFileSync(join(h.remote.clone, "public/banner.png")),
    };
    const result = JSON.parse(run.outputs.result ?? "{}") as {
      assets: Array<{ id: string; hash: string; generation?: string }>;
    };
    const tip = storeTip();
    expect(tip).toMatch(/^[0-9a-f]{40}$/);

    const body = h.stub.commentsOn(7)[0]?.body ?? "";
    const rows = renderRows(body);
    expect([...rows.keys()].sort()).toEqual(["banner", "hero"]);
    for (const [id, cells] of rows) {
      // After: the preview, linking to the full file, both on the store branch at one commit.
      const after = /^<a href="([^"]+)"><img src="([^"]+)" width="280" alt="after"><\/a>/.exec(
        cells[2] ?? "",
      );
      expect(after, `${id}: ${cells[2]}`).not.toBeNull();
      const [, full, preview] = after!;
      const [, commit, path] = STORE_URL.exec(full!)!;
      expect(STORE_URL.exec(preview!)?.[1]).toBe(commit);
      expect(commit).toBe(tip);
      const hash = result.assets.find((a) => a.id === id)?.hash ?? "";
      expect(path).toBe(`${hash.slice(0, 2)}/${hash}.png`);
      const stored = execFileSync("git", ["cat-file", "blob", `${commit}:${path}`], {
        cwd: h.remote.bare,
        env: { ...process.env, ...GIT_TEST_ENV },
      });
      expect(stored.equals(rendered[id as keyof typeof rendered]), id).toBe(true);
      // The entry's record and preview are beside its bytes.
      const tree = h.remote.git(["ls-tree", "--name-only", "-r", commit!], h.remote.bare);
      expect(tree).toContain(`${hash.slice(0, 2)}/${hash}.json`);
      expect(tree).toContain(`${hash.slice(0, 2)}/${hash}.preview.webp`);
    }
    expect(body).toContain("Merging commits these exact renders");
    expect(body).not.toContain("No preview");

    // A day and a half later the API has forgotten every key; the fork's PR is merged.
    h.emulator.advanceClock(1.5 * DAY_MS);
    const creates = h.emulator.ledger.requests.create;
    h.freshCheckout();
    h.remote.git(["checkout", "--quiet", "main"]);
    h.remote.git(["merge", "--quiet", "--no-ff", "-m", "Merge pull request #7", "feature"]);
    h.remote.git(["push", "--quiet", "origin", "main"]);
    const merge = await h.run("push", pushEvent(base, "Merge pull request #7"));
    expect(merge.code, merge.stdout + merge.stderr).toBe(0);
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(merge.outputs.rendered).toBe("0");
    const committed = h.remote.remoteHead();
    for (const [id, bytes] of Object.entries(rendered)) {
      const blob = execFileSync("git", ["cat-file", "blob", `${committed}:public/${id}.png`], {
        cwd: h.remote.bare,
        env: { ...process.env, ...GIT_TEST_ENV },
      });
      expect(blob.equals(bytes), id).toBe(true);
    }
    const lock = JSON.parse(
      h.remote.git(["show", `${committed}:agentframer.lock`], h.remote.bare),
    ) as { assets: Record<string, { generation: string }> };
    for (const id of ["hero", "banner"]) {
      expect(lock.assets[id]?.generation).toBe(result.assets.find((a) => a.id === id)?.generation);
    }
    h.expectKeyNowhere();
  });

  it("with a token that may only read, passes and says per render why there is no picture", async () => {
    const { event } = await forkPullRequest();
    const before = storeTip();
    // What GitHub says to a token without contents: write, and words no log or comment may obey.
    const count = join(h.remote.bare, "refused-store-pushes");
    const hook = join(h.remote.bare, "hooks", "pre-receive");
    writeFileSync(
      hook,
      [
        "#!/bin/sh",
        "while read old new ref; do",
        `  if [ "$ref" = "${STORE_REF}" ]; then`,
        `    echo refused >> '${count}'`,
        "    echo 'Permission to octo/media.git denied to github-actions[bot].' >&2",
        "    printf '::error file=agentframer.yml::forged\\n<img src=x onerror=alert(1)>\\r::warning::forged too\\n' >&2",
        "    exit 1",
        "  fi",
        "done",
        "exit 0",
        "",
      ].join("\n"),
    );
    chmodSync(hook, 0o755);

    const run = await h.run("workflow_run", event, { publish: "comment" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.rendered).toBe("2");
    // One refused push, not a retry loop, and the store is as it was.
    expect(readFileSync(count, "utf8").trim().split("\n")).toHaveLength(1);
    expect(storeTip()).toBe(before);

    const body = h.stub.commentsOn(7)[0]?.body ?? "";
    for (const text of [body, run.summary]) {
      const rows = renderRows(text);
      expect([...rows.keys()].sort()).toEqual(["banner", "hero"]);
      for (const [id, cells] of rows) {
        expect(cells[2], id).toBe(
          "<sub>📭 No preview: not in the store, which this run may not write to. Give the job " +
            `<code>permissions: contents: write</code> (<a href="${DOCS}#when-the-store-cannot-be-written">how</a>).</sub>`,
        );
      }
      expect(text).toContain(
        "This run may not write to the store (git branch agentframer-store of origin): the push was refused",
      );
      expect(text).toContain("merging would render them again");
      expect(text).toContain("**Next:** give this job `permissions: contents: write`");
      expect(text).not.toMatch(/Merging commits these exact renders|byte for byte/);
      expect(text).not.toContain("forged");
      expect(text).not.toContain("onerror");
    }
    // The log names the fix once as an annotation; the server's words are in it, inert.
    expect(run.stdout).toMatch(
      /^::warning::the store \(git branch agentframer-store of origin\) refused this run's push.*permissions: contents: write/m,
    );
    expect(run.stdout).toContain("Permission to octo/media.git denied");
    const lines = run.stdout.split(/\r\n|\r|\n/).map((l) => l.trimStart());
    expect(lines.filter((l) => /^::(error|warning)\b.*forged/.test(l))).toEqual([]);
    expect(existsSync(join(h.remote.clone, "public/banner.png"))).toBe(true);
    h.expectKeyNowhere();
  });
});

describe("the API key", () => {
  it("appears in no byte the action wrote or printed", () => {
    h.expectKeyNeverPrinted();
  });
});
