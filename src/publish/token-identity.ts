/**
 * Whose token the action holds: only comments that account wrote may be adopted as the sticky
 * comment, since anyone can write a comment that starts with the marker. GraphQL's `viewer`
 * answers for every kind of token (a PAT, an app's installation token, the workflow token);
 * `GET /user` is the fallback for hosts without GraphQL, and is refused to installation tokens.
 */

/** A GitHub account, as comments name their author. */
export interface GitHubAccount {
  login: string;
  /** An app (the workflow token's github-actions[bot], or another GitHub App). */
  bot: boolean;
}

/** The account GitHub writes as for the default workflow token. */
export const WORKFLOW_TOKEN_ACCOUNT: GitHubAccount = { login: "github-actions[bot]", bot: true };

/** The two ways to ask GitHub who a token belongs to; github-api.ts has the real ones. */
export interface IdentityLookups {
  /** GraphQL `viewer { login __typename }`. */
  viewer(): Promise<GitHubAccount>;
  /** REST `GET /user`. */
  authenticatedUser(): Promise<GitHubAccount>;
}

export type TokenIdentity =
  | { account: GitHubAccount; source: "viewer" | "user" }
  /** Both lookups refused, but the token is an installation token such as the workflow token. */
  | { account: GitHubAccount; source: "assumed"; reason: string }
  | { account: undefined; reason: string };

/** Installation tokens (the workflow token is one) start `ghs_`; PATs `ghp_` or `github_pat_`. */
const INSTALLATION_TOKEN = /^ghs_/;

export async function tokenIdentity(
  lookups: IdentityLookups,
  token: string,
): Promise<TokenIdentity> {
  const failures: string[] = [];
  for (const [source, lookup] of [
    ["viewer", () => lookups.viewer()],
    ["user", () => lookups.authenticatedUser()],
  ] as const) {
    try {
      const account = await lookup();
      if (account.login !== "") return { account, source };
    } catch (error) {
      failures.push(`${source === "viewer" ? "GraphQL viewer" : "GET /user"}: ${describe(error)}`);
    }
  }
  const reason = failures.join("; ");
  if (INSTALLATION_TOKEN.test(token)) {
    return { account: WORKFLOW_TOKEN_ACCOUNT, source: "assumed", reason };
  }
  return { account: undefined, reason };
}

/**
 * Whether `author` (a comment's `user`) is `account`. GraphQL names a bot without the `[bot]`
 * suffix its REST login carries, so that is dropped on both sides; the kind must match, so a
 * user can never pass for a bot of the same name.
 */
export function isAccount(
  account: GitHubAccount,
  author: { login: string; type?: string },
): boolean {
  const authorBot = author.type === "Bot" || author.login.endsWith("[bot]");
  return authorBot === account.bot && bare(author.login) === bare(account.login);
}

function bare(login: string): string {
  return login.replace(/\[bot\]$/i, "").toLowerCase();
}

function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  return typeof status === "number" ? `${status} ${message}` : message;
}
