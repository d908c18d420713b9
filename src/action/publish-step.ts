/**
 * Publishing a finished render: commit the changed files back, or keep the PR's sticky comment
 * up to date, or neither. `auto` comments on pull requests and commits everywhere else.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { RenderResult } from "../render/result.js";
import { COMMENT_LIMIT, renderMarkdown } from "../publish/comment-markdown.js";
import { commentMarker, upsertStickyComment } from "../publish/comment.js";
import { tokenIdentity } from "../publish/token-identity.js";
import { changedPaths, commitAndPush, PublishError } from "../publish/commit.js";
import type { Report } from "../publish/report.js";
import { BOT_EMAIL, BOT_NAME, COMMIT_TRAILER, type PublishMode } from "./constants.js";
import type { RunContext } from "./context.js";
import type { ActionSettings } from "./inputs.js";
import type { ActionDeps } from "./deps.js";
import { lockfilePathFor, mediaJsonPathFor } from "../state/paths.js";

export interface ChangedFiles {
  /** The git work tree the paths are relative to; undefined outside a repository. */
  root: string | undefined;
  /** Rendered outputs and the lockfile, where they differ from HEAD. */
  files: string[];
}

export interface Published {
  commentId?: number;
  commitSha?: string;
  /** Markdown links for the job summary. */
  links?: string[];
}

const WRITTEN = new Set(["rendered", "restored"]);

export async function changedFiles(
  deps: ActionDeps,
  settings: ActionSettings,
  result: RenderResult,
): Promise<ChangedFiles> {
  const manifestDir = realpathSync(dirname(settings.config.manifestPath));
  const top = await deps
    .git(manifestDir)(["rev-parse", "--show-toplevel"])
    .then((out) => realpathSync(out.trim()))
    .catch(() => undefined);
  const root = top ?? realpathSync(settings.workspace);
  const candidates = result.assets
    .filter((a) => WRITTEN.has(a.status))
    .map((a) => join(manifestDir, a.output))
    // Web variants derived in this run (an unchanged asset's too: its recipe may have changed).
    .concat(
      result.assets.flatMap((a) => (a.variants?.files ?? []).map((f) => join(manifestDir, f))),
    )
    .concat(join(manifestDir, basename(lockfilePathFor(settings.config.manifestPath))))
    .concat(join(manifestDir, basename(mediaJsonPathFor(settings.config.manifestPath))))
    .map((path) => relative(root, path).split("\\").join("/"));
  if (top === undefined) return { root: undefined, files: candidates };
  return { root: top, files: await changedPaths(deps.git(top), candidates) };
}

export async function publish(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
  report: Report,
  changed: ChangedFiles,
): Promise<Published> {
  const prNumber = settings.publish.pullRequest ?? context.pullRequest?.number;
  const mode: Exclude<PublishMode, "auto"> =
    settings.publish.mode === "auto"
      ? prNumber === undefined
        ? "commit"
        : "comment"
      : settings.publish.mode;
  if (mode === "none") {
    deps.host.info("publish: none; leaving the rendered files in the work tree");
    return {};
  }
  if (mode === "comment") return comment(deps, settings, context, report, prNumber);
  return commit(deps, settings, context, changed);
}

async function comment(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
  report: Report,
  prNumber: number | undefined,
): Promise<Published> {
  if (prNumber === undefined) {
    deps.host.warning(
      "publish: comment needs a pull request (a pull_request event, or the pull-request input " +
        "in a workflow_run workflow); nothing was published.",
    );
    return {};
  }
  const token = settings.publish.githubToken;
  if (token === undefined) {
    throw new PublishError("publish: comment needs a token: the github-token input is empty");
  }
  const api = await deps.commentApi(token, { owner: context.owner, repo: context.repo });
  const marker = commentMarker(settings.manifest);
  const body = renderMarkdown(report, {
    limit: COMMENT_LIMIT,
    marker,
    overflowHint: "see the job summary",
  });
  try {
    const identity = await tokenIdentity(api, token);
    if (identity.account === undefined) {
      deps.host.warning(
        "publish: could not find which account the github-token belongs to " +
          `(${identity.reason}), so no earlier comment can be proven this action's own and a ` +
          "new one is written. Pass a token that may read its own account (any PAT or app token " +
          "can), or leave github-token at its default.",
      );
    } else if (identity.source === "assumed") {
      deps.host.info(
        `publish: could not look up the token's account (${identity.reason}); taking it for ` +
          `the workflow token, which writes as ${identity.account.login}`,
      );
    }
    const { id, action, passedOver } = await upsertStickyComment(
      api,
      prNumber,
      marker,
      body,
      identity.account,
    );
    if (passedOver.length > 0) {
      deps.host.warning(
        `publish: left alone ${passedOver.length} comment(s) by ${[...new Set(passedOver)].join(", ")} ` +
          "that carry this manifest's marker: only comments written by the github-token's own " +
          "account are edited.",
      );
    }
    const url = `${context.serverUrl}/${context.owner}/${context.repo}/pull/${prNumber}#issuecomment-${id}`;
    deps.host.info(`comment ${action}: ${url}`);
    return { commentId: id, links: [`[PR comment](${url})`] };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const hint =
      status === 403 || status === 404
        ? " The token may lack `pull-requests: write` (add it under `permissions:`), or this is a fork PR."
        : "";
    throw new PublishError(
      `publish: could not write the PR comment (${error instanceof Error ? error.message : String(error)}).${hint}`,
      { cause: error },
    );
  }
}

async function commit(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
  changed: ChangedFiles,
): Promise<Published> {
  if (changed.root === undefined) {
    throw new PublishError(
      `publish: commit needs a git checkout, but ${settings.workspace} is not one (run actions/checkout first)`,
    );
  }
  if (changed.files.length === 0) {
    deps.host.info("publish: nothing changed; no commit");
    return {};
  }
  const outcome = await commitAndPush(deps.git(changed.root), {
    paths: changed.files,
    message: `${settings.publish.commitMessage}\n\n${COMMIT_TRAILER}`,
    branch: context.branch,
    author: { name: BOT_NAME, email: BOT_EMAIL },
  });
  if (outcome.sha === undefined) return {};
  const rebased = outcome.rebases > 0 ? ` after ${outcome.rebases} rebase(s)` : "";
  deps.host.info(`committed ${outcome.sha} (${outcome.files.length} files)${rebased}`);
  const url = `${context.serverUrl}/${context.owner}/${context.repo}/commit/${outcome.sha}`;
  return { commitSha: outcome.sha, links: [`[commit ${outcome.sha.slice(0, 7)}](${url})`] };
}
