/** PullLookup over @actions/github's Octokit, loaded only on a workflow_run that comments. */
import type { RepoRef } from "../publish/github-api.js";
import { DEFAULT_GITHUB_TIMEOUT_MS, fetchWithDeadline } from "../publish/github-deadline.js";
import type { PullLookup } from "./workflow-run-pr.js";

export async function createPullLookup(
  token: string,
  repo: RepoRef,
  baseUrl: string,
  timeoutMs = DEFAULT_GITHUB_TIMEOUT_MS,
): Promise<PullLookup> {
  const { getOctokit } = await import("@actions/github");
  const octokit = getOctokit(token, { baseUrl, request: { fetch: fetchWithDeadline(timeoutMs) } });
  return {
    async openPullsForHead(headOwner, branch) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, {
        ...repo,
        state: "open",
        head: `${headOwner}:${branch}`,
        per_page: 100,
      });
      return pulls.map((p) => ({
        number: p.number,
        headSha: p.head.sha,
        headRef: p.head.ref,
        headRepo: p.head.repo?.full_name ?? "",
        baseSha: p.base.sha,
      }));
    },
  };
}
