/**
 * `publish: commit`: commit the rendered outputs and the lockfile to the checked-out branch as
 * github-actions[bot] and push. Another job may push first (a merge, a second manifest's run);
 * then fetch, rebase onto it and try again, a bounded number of times. Only the paths given are
 * committed, whatever else the workflow left in the work tree. The branch is named by its full
 * ref everywhere (`refs/heads/<branch>`), and its tip read by exact name (git/refs.ts).
 */
import { branchRef, exactRef, pushToBranch } from "../git/refs.js";
import { GitError, literal, type Git } from "../git/runner.js";
import { REFUSED_BY_RULE } from "../git/push-refusal.js";

export class PublishError extends Error {
  override readonly name = "PublishError";
}

export interface CommitRequest {
  /** Paths relative to the git work tree: rendered outputs and the lockfile. */
  paths: readonly string[];
  message: string;
  /** The branch to push to, used when HEAD is detached. */
  branch: string | undefined;
  author: { name: string; email: string };
  remote?: string;
  /** Push attempts in all, including the first. */
  attempts?: number;
}

export interface CommitOutcome {
  /** The pushed commit, or undefined when nothing had changed. */
  sha: string | undefined;
  /** The paths the commit holds. */
  files: string[];
  /** Pushes rejected because the remote had moved. */
  rebases: number;
}

const DEFAULT_ATTEMPTS = 3;
const REJECTED = /\[rejected\]|\(fetch first\)|non-fast-forward|failed to push some refs/;
/** Remote lines quoted in the message: enough to name the rule, not a page of hook output. */
const REMOTE_LINES = 4;

/** Which of `paths` differ from HEAD (new, modified or deleted), in git's order. */
export async function changedPaths(git: Git, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = await git([
    "status",
    "--porcelain=v1",
    "-z",
    "--untracked-files=all",
    "--",
    ...paths.map(literal),
  ]);
  const files: string[] = [];
  const records = out.split("\0");
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? "";
    if (record.length < 4) continue;
    files.push(record.slice(3));
    // A rename record is followed by its source path, which is not one of ours.
    if (record[0] === "R" || record[0] === "C") i++;
  }
  return files;
}

export async function commitAndPush(git: Git, request: CommitRequest): Promise<CommitOutcome> {
  const files = await changedPaths(git, request.paths);
  if (files.length === 0) return { sha: undefined, files, rebases: 0 };

  const remote = request.remote ?? "origin";
  const branch = await targetBranch(git, request.branch);
  const identity = {
    GIT_AUTHOR_NAME: request.author.name,
    GIT_AUTHOR_EMAIL: request.author.email,
    GIT_COMMITTER_NAME: request.author.name,
    GIT_COMMITTER_EMAIL: request.author.email,
  };
  await git(["add", "--all", "--", ...files.map(literal)]);
  // `--only` with pathspecs: exactly these files, even if the workflow staged others.
  await git(
    [
      "-c",
      "commit.gpgsign=false",
      "commit",
      "--no-verify",
      "--only",
      "-m",
      request.message,
      "--",
      ...files.map(literal),
    ],
    identity,
  );

  const attempts = request.attempts ?? DEFAULT_ATTEMPTS;
  let rebases = 0;
  while (!(await tryPush(git, remote, branch))) {
    rebases += 1;
    if (rebases >= attempts) {
      throw new PublishError(
        `push to ${branch} was rejected ${attempts} times because the branch kept moving; ` +
          "re-run the workflow (a concurrency group on the branch prevents this)",
      );
    }
    const tip = await fetchExactTip(git, remote, branch);
    try {
      // --autostash: edits other steps left in the work tree (not ours to commit) would otherwise
      // make git refuse to rebase at all. Onto the id fetched, never FETCH_HEAD (whose first line
      // is whatever git's name matching fetched first).
      await git(["-c", "commit.gpgsign=false", "rebase", "--autostash", tip], identity);
    } catch (rebaseError) {
      await git(["rebase", "--abort"]).catch(() => {});
      throw new PublishError(
        `push to ${branch} was rejected and rebasing onto it conflicted (someone else changed ` +
          `${files.join(", ")}); re-run the workflow to render on top of their change`,
        { cause: rebaseError },
      );
    }
  }
  const sha = (await git(["rev-parse", "HEAD"])).trim();
  return { sha, files, rebases };
}

/**
 * True when pushed, false when the remote had moved on; a push the remote refused outright
 * throws a PublishError at once, and any other failure throws as it is.
 */
async function tryPush(git: Git, remote: string, branch: string): Promise<boolean> {
  try {
    const head = (await git(["rev-parse", "--verify", "HEAD^{commit}"])).trim();
    await pushToBranch((args) => git(args), {
      remote,
      commit: head,
      branch,
      options: ["--porcelain"],
    });
    return true;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // --porcelain puts the ref's status (`[remote rejected] (pre-receive hook declined)`) on
    // stdout; the remote's own lines (GH006, the hook's text) and git's summary on stderr.
    if (REFUSED_BY_RULE.test(error.stdout) || REFUSED_BY_RULE.test(error.stderr)) {
      throw refusedPush(branch, error);
    }
    if (REJECTED.test(error.stderr)) return false;
    throw error;
  }
}

/**
 * The commit the remote's `refs/heads/<branch>` names, read by exact name from `ls-remote` (a
 * branch whose name ends the same way, `a/refs/heads/<branch>`, is another branch) and fetched by
 * its id, so that git's name matching never chooses what the commit is rebased onto.
 */
async function fetchExactTip(git: Git, remote: string, branch: string): Promise<string> {
  const ref = branchRef(branch);
  const tip = exactRef(await git(["ls-remote", remote, ref]), ref);
  if (tip === undefined) {
    throw new PublishError(
      `push to ${branch} was rejected, and the remote no longer has ${ref} to rebase onto; ` +
        "re-run the workflow",
    );
  }
  await git(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, tip]);
  return tip;
}

function refusedPush(branch: string, error: GitError): PublishError {
  const said = error.stderr
    .split("\n")
    .map((line) => line.replace(/^remote:\s*/, "").trim())
    .filter((line) => line !== "" && !/^(To |error: failed to push|hint:)/.test(line))
    .slice(0, REMOTE_LINES)
    .join(" / ");
  return new PublishError(
    `push to ${branch} was refused by the remote, not raced: branch protection, a ruleset or a ` +
      `pre-receive hook does not let this token push there (the remote said: ${said}). ` +
      "Retrying will not help. Commit to a branch that allows it (render on the PR branch, or " +
      "push to a branch and open a PR), let the pushing account through (a GitHub App or bot " +
      "allowed to bypass the protection, its token given to actions/checkout), or use " +
      "publish: comment.",
    { cause: error },
  );
}

/** The branch HEAD is on; on a detached HEAD (a PR merge checkout), the one the event named. */
async function targetBranch(git: Git, fromEvent: string | undefined): Promise<string> {
  const onBranch = await git(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "");
  const branch = onBranch.trim() || fromEvent;
  if (!branch) {
    throw new PublishError(
      "publish: commit needs a branch to push to, but HEAD is detached and the event names " +
        "none; check out a branch (actions/checkout with ref: ${{ github.head_ref }})",
    );
  }
  return branch;
}
