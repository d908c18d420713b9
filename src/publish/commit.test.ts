import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  createGitRemote,
  GIT_TEST_ENV,
  writeFiles,
  type GitRemote,
} from "../../test/support/git-remote.js";
import { commitAndPush, PublishError } from "./commit.js";
import { gitIn } from "../git/runner.js";

const author = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com",
};
let remote: GitRemote;
afterEach(() => remote.cleanup());

function setup(): GitRemote {
  remote = createGitRemote({
    "agentframer.yml": "version: 1\n",
    "agentframer.lock": '{"version":1,"assets":{}}\n',
    "public/a.png": "old a",
    "README.md": "hello\n",
  });
  return remote;
}

const git = (cwd: string) => gitIn(cwd, { ...process.env, ...GIT_TEST_ENV });

describe("commitAndPush", () => {
  it("commits exactly the changed paths given, as the bot, and pushes them", async () => {
    const r = setup();
    writeFiles(r.clone, {
      "public/a.png": "new a",
      "public/b[1].png": "new b",
      "agentframer.lock": '{"version":1,"assets":{"a":{}}}\n',
      "README.md": "edited by another step\n",
      "stray.txt": "untracked",
    });
    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/a.png", "public/b[1].png", "public/unchanged.png", "agentframer.lock"],
      message: "render\n\nRendered-by: agentframer-render",
      branch: undefined,
      author,
    });
    expect(outcome.sha).toBe(r.remoteHead());
    expect(r.filesIn(outcome.sha!)).toEqual([
      "agentframer.lock",
      "public/a.png",
      "public/b[1].png",
    ]);
    expect(r.git(["log", "-1", "--format=%an <%ae>|%cn|%B", outcome.sha!], r.bare)).toBe(
      `${author.name} <${author.email}>|${author.name}|render\n\nRendered-by: agentframer-render\n\n`,
    );
    // What the commit did not take is still there, untouched, for the workflow's other steps.
    expect(r.git(["status", "--porcelain"]).split("\n").filter(Boolean).sort()).toEqual([
      " M README.md",
      "?? stray.txt",
    ]);
  });

  it("makes no commit when nothing changed", async () => {
    const r = setup();
    const before = r.remoteHead();
    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/a.png", "agentframer.lock"],
      message: "render",
      branch: undefined,
      author,
    });
    expect(outcome).toEqual({ sha: undefined, files: [], rebases: 0 });
    expect(r.remoteHead()).toBe(before);
  });

  it("rebases onto a remote that moved and pushes on the next attempt", async () => {
    const r = setup();
    writeFiles(r.clone, { "public/a.png": "new a" });
    const theirs = r.pushFromElsewhere({ "docs/other.md": "someone else\n" }, "their commit");
    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/a.png"],
      message: "render",
      branch: undefined,
      author,
    });
    expect(outcome.rebases).toBe(1);
    expect(r.remoteHead()).toBe(outcome.sha);
    expect(r.git(["rev-parse", `${outcome.sha}^`], r.bare).trim()).toBe(theirs);
    expect(r.filesIn(outcome.sha!)).toEqual(["public/a.png"]);
    expect(readFileSync(join(r.clone, "docs/other.md"), "utf8")).toBe("someone else\n");
  });

  it("rebases past a work tree another step left dirty, and leaves that edit in place", async () => {
    const r = setup();
    writeFiles(r.clone, { "public/a.png": "new a", "README.md": "edited by another step\n" });
    const theirs = r.pushFromElsewhere({ "docs/other.md": "someone else\n" }, "their commit");
    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/a.png"],
      message: "render",
      branch: undefined,
      author,
    });
    expect(outcome.rebases).toBe(1);
    expect(r.git(["rev-parse", `${outcome.sha}^`], r.bare).trim()).toBe(theirs);
    expect(r.filesIn(outcome.sha!)).toEqual(["public/a.png"]);
    expect(readFileSync(join(r.clone, "README.md"), "utf8")).toBe("edited by another step\n");
  });

  it("stops with a clear error when the rebase conflicts, leaving no rebase in progress", async () => {
    const r = setup();
    writeFiles(r.clone, { "agentframer.lock": '{"mine":1}\n' });
    r.pushFromElsewhere({ "agentframer.lock": '{"theirs":1}\n' }, "their render");
    const attempt = commitAndPush(git(r.clone), {
      paths: ["agentframer.lock"],
      message: "render",
      branch: undefined,
      author,
    });
    await expect(attempt).rejects.toThrow(PublishError);
    await expect(attempt).rejects.toThrow(/rebasing onto it conflicted.*agentframer\.lock/);
    expect(() => r.git(["rev-parse", "--verify", "--quiet", "REBASE_HEAD"])).toThrow();
  });

  it("fails at once, naming branch protection, when the remote refuses the push", async () => {
    const r = setup();
    const before = r.remoteHead();
    r.refusePushes("error: GH006: Protected branch update failed for refs/heads/main.");
    writeFiles(r.clone, { "public/a.png": "new a" });
    const attempt = commitAndPush(git(r.clone), {
      paths: ["public/a.png"],
      message: "render",
      branch: undefined,
      author,
    });
    await expect(attempt).rejects.toThrow(PublishError);
    await expect(attempt).rejects.toThrow(
      /refused by the remote, not raced: branch protection.*GH006: Protected branch update failed.*publish: comment/,
    );
    expect(r.refusedPushes()).toBe(1);
    expect(r.remoteHead()).toBe(before);
  });

  it("tells a pre-receive hook's refusal from a race too", async () => {
    const r = setup();
    r.refusePushes("commits must be signed");
    writeFiles(r.clone, { "public/a.png": "new a" });
    await expect(
      commitAndPush(git(r.clone), {
        paths: ["public/a.png"],
        message: "m",
        branch: undefined,
        author,
      }),
    ).rejects.toThrow(/not raced.*the remote said: commits must be signed/);
    expect(r.refusedPushes()).toBe(1);
  });

  it("pushes a detached HEAD to the branch the event named", async () => {
    const r = setup();
    r.git(["checkout", "--quiet", "--detach"]);
    writeFiles(r.clone, { "public/a.png": "new a" });
    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/a.png"],
      message: "render",
      branch: "main",
      author,
    });
    expect(r.remoteHead()).toBe(outcome.sha);
  });
});

/** A commit on none of our branches, pushed to the remote under names that end like `main`. */
function pushShadow(r: GitRemote, refs: readonly string[]): string {
  const dir = join(dirname(r.bare), "shadow");
  r.git(["clone", "--quiet", r.bare, dir], dirname(r.bare));
  writeFiles(dir, { "shadow.txt": "not main\n", "public/a.png": "shadow a" });
  r.git(["add", "--all"], dir);
  r.git(["commit", "--quiet", "-m", "shadow"], dir);
  for (const ref of refs) r.git(["push", "--quiet", "origin", `HEAD:${ref}`], dir);
  return r.git(["rev-parse", "HEAD"], dir).trim();
}

describe("commitAndPush reads its branch by exact ref", () => {
  it("rebases onto and pushes to refs/heads/main, whatever branches named like it exist", async () => {
    const r = setup();
    writeFiles(r.clone, { "public/b.png": "new b" });
    const theirs = r.pushFromElsewhere({ "docs/other.md": "someone else\n" }, "their commit");
    const shadow = pushShadow(r, ["refs/heads/a/refs/heads/main", "refs/heads/refs/heads/main"]);
    // The trap is set: asked for refs/heads/main, the remote lists the shadow first.
    const listed = r.git(["ls-remote", r.bare, "refs/heads/main"]).trim().split("\n");
    expect(listed[0]).toBe(`${shadow}\trefs/heads/a/refs/heads/main`);
    expect(listed).toContain(`${theirs}\trefs/heads/main`);

    const outcome = await commitAndPush(git(r.clone), {
      paths: ["public/b.png"],
      message: "render",
      branch: undefined,
      author,
    });
    expect(outcome.rebases).toBe(1);
    expect(r.remoteHead()).toBe(outcome.sha);
    expect(r.git(["rev-parse", `${outcome.sha}^`], r.bare).trim()).toBe(theirs);
    // Nothing of the shadow's reached the branch, and the shadows are as they were.
    expect(r.git(["ls-tree", "-r", "--name-only", outcome.sha!], r.bare).split("\n")).not.toContain(
      "shadow.txt",
    );
    expect(r.git(["show", `${outcome.sha}:public/a.png`], r.bare)).toBe("old a");
    expect(r.git(["rev-parse", "refs/heads/a/refs/heads/main"], r.bare).trim()).toBe(shadow);
    expect(r.git(["rev-parse", "refs/heads/refs/heads/main"], r.bare).trim()).toBe(shadow);
    // The ref the push went from is gone from the user's repository.
    expect(r.git(["for-each-ref", "refs/agentframer"])).toBe("");
  });
});

describe("commitAndPush in a shallow clone", () => {
  it("fetches the moved tip by id and rebases onto it, as actions/checkout's depth-1 clone needs", async () => {
    const r = setup();
    const shallow = join(dirname(r.clone), "shallow");
    r.git(["clone", "--quiet", "--depth=1", `file://${r.bare}`, shallow], dirname(r.clone));
    writeFiles(shallow, { "public/a.png": "new a" });
    const theirs = r.pushFromElsewhere({ "docs/other.md": "someone else\n" }, "their commit");
    const outcome = await commitAndPush(git(shallow), {
      paths: ["public/a.png"],
      message: "render",
      branch: undefined,
      author,
    });
    expect(outcome.rebases).toBe(1);
    expect(r.remoteHead()).toBe(outcome.sha);
    expect(r.git(["rev-parse", `${outcome.sha}^`], r.bare).trim()).toBe(theirs);
  });
});

describe("commitAndPush with a remote that never answers", () => {
  it("ends the push at its deadline and says so", async () => {
    const r = setup();
    writeFiles(r.clone, { "public/a.png": "new a" });
    // Accepts the connection, then says nothing: what a degraded server does.
    const held: Socket[] = [];
    const server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const attempt = commitAndPush(gitIn(r.clone, { ...process.env, ...GIT_TEST_ENV }, 1_000), {
        paths: ["public/a.png"],
        message: "render",
        branch: undefined,
        author,
        remote: `http://127.0.0.1:${port}/repo.git`,
      });
      await expect(attempt).rejects.toThrow(/git push failed .*did not finish within 1 s; stopped/);
      expect(held.length).toBeGreaterThan(0);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
