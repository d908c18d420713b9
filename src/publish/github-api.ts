/**
 * The CommentApi over @actions/github's Octokit. Loaded lazily by the action, and only when a
 * comment is due: Octokit is most of the bundle, and most runs never need it.
 */
import type { CommentApi, IssueComment } from "./comment.js";
import { DEFAULT_GITHUB_TIMEOUT_MS, fetchWithDeadline } from "./github-deadline.js";
import type { GitHubAccount, IdentityLookups } from "./token-identity.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

/** GitHub's page size ceiling: fewer round trips on busy PRs. */
const PER_PAGE = 100;

/**
 * `baseUrl` is GITHUB_API_URL (GitHub Enterprise and tests change it), passed explicitly because
 * @actions/github reads its default once, when the module loads.
 */
export async function createCommentApi(
  token: string,
  repo: RepoRef,
  baseUrl: string,
  timeoutMs = DEFAULT_GITHUB_TIMEOUT_MS,
): Promise<CommentApi & IdentityLookups> {
  const { getOctokit } = await import("@actions/github");
  const octokit = getOctokit(token, { baseUrl, request: { fetch: fetchWithDeadline(timeoutMs) } });
  const pick = (c: {
    id: number;
    body?: string | null;
    user?: { login: string; type?: string } | null;
  }): IssueComment => ({
    id: c.id,
    body: c.body ?? "",
    // A deleted account shows as null; "ghost" is how GitHub names it, and it is nobody's token.
    author: { login: c.user?.login ?? "ghost", type: c.user?.type ?? "User" },
  });
  const account = (login: string, type: string | undefined): GitHubAccount => ({
    login,
    bot: type === "Bot",
  });
  return {
    async viewer() {
      const { viewer } = await octokit.graphql<{ viewer: { login: string; __typename: string } }>(
        "query { viewer { login __typename } }",
      );
      return account(viewer.login, viewer.__typename);
    },
    async authenticatedUser() {
      const { data } = await octokit.rest.users.getAuthenticated();
      return account(data.login, data.type);
    },
    async *listComments(issueNumber) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: PER_PAGE,
      });
      for await (const page of pages) yield* page.data.map(pick);
    },
    async createComment(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: issueNumber,
        body,
      });
      return pick(data);
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({
        ...repo,
        comment_id: commentId,
        body,
      });
      return pick(data);
    },
  };
}
