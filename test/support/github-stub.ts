/**
 * A local stand-in for the slice of the GitHub API the action uses: a PR's issue comments (list
 * with Link-header paging, create, update), the token's own account (GraphQL `viewer`, and
 * `GET /user`, which GitHub refuses to installation tokens such as the workflow token), and open
 * pull requests by head (`GET /pulls?head=OWNER:BRANCH`). It listens on 127.0.0.1 only, keeps
 * everything in memory, writes each comment as the account of the token that posted it, refuses
 * bodies over GitHub's 65,536-character limit as GitHub does, and records every request so tests
 * can assert what was sent, including the Authorization header.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubComment {
  id: number;
  issueNumber: number;
  body: string;
  user: { login: string; type: string };
  createdAt: string;
  updatedAt: string;
}

export interface StubAccount {
  login: string;
  type: "User" | "Bot";
}

export interface StubPull {
  number: number;
  headSha: string;
  headRef: string;
  /** owner/name of the repository the PR's branch lives in: another one for a fork. */
  headRepo: string;
  baseSha: string;
  state: "open" | "closed";
}

/**
 * Installation tokens (`ghs_`, as the workflow token is) act as github-actions[bot]; any other
 * token as the user `octo-maintainer`, unless a test names its account with `addToken`.
 */
const WORKFLOW_BOT: StubAccount = { login: "github-actions[bot]", type: "Bot" };
const TOKEN_USER: StubAccount = { login: "octo-maintainer", type: "User" };

export interface StubRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface GitHubStub {
  /** Point GITHUB_API_URL here. */
  url: string;
  owner: string;
  repo: string;
  comments: StubComment[];
  pulls: StubPull[];
  requests: StubRequest[];
  /** Makes `token` act as `account`. */
  addToken(token: string, account: StubAccount): void;
  addPull(pull: Omit<StubPull, "state"> & { state?: StubPull["state"] }): StubPull;
  /** Adds a comment as if someone else had written it (to fill pages, or to plant a quote). */
  seed(issueNumber: number, body: string, login?: string): StubComment;
  commentsOn(issueNumber: number): StubComment[];
  /**
   * Answers the next request, whatever it is, with this status (a permissions error, an outage),
   * and `message` as GitHub's error message (default `forced STATUS`).
   */
  failNext(status: number, message?: string): void;
  /** From now on, reads every request and never answers it: a GitHub that hangs. */
  hang(): void;
  close(): Promise<void>;
}

const COMMENT_LIMIT = 65_536;

export async function startGitHubStub(owner = "octo", repo = "media"): Promise<GitHubStub> {
  const comments: StubComment[] = [];
  const pulls: StubPull[] = [];
  const tokens = new Map<string, StubAccount>();
  const requests: StubRequest[] = [];
  let nextId = 1000;
  let forced: { status: number; message: string } | undefined;
  let hanging = false;

  const accountOf = (authorization: string | undefined): StubAccount | undefined => {
    const token = /^(?:token|bearer) (.+)$/i.exec(authorization ?? "")?.[1];
    if (token === undefined) return undefined;
    return tokens.get(token) ?? (token.startsWith("ghs_") ? WORKFLOW_BOT : TOKEN_USER);
  };

  const add = (issueNumber: number, body: string, login: string): StubComment => {
    const now = new Date().toISOString();
    const comment = {
      id: nextId++,
      issueNumber,
      body,
      user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
      createdAt: now,
      updatedAt: now,
    };
    comments.push(comment);
    return comment;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      if (hanging) return;
      if (forced !== undefined) {
        const { status, message } = forced;
        forced = undefined;
        return send(res, status, { message });
      }
      route(req, res, body);
    });
  });

  const apiComment = (c: StubComment, base: string) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: `https://github.example/${owner}/${repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    url: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`,
  });

  function route(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", base);
    const account = accountOf(req.headers.authorization);
    if (url.pathname === "/graphql" && req.method === "POST") return viewer(res, account, raw);
    if (url.pathname === "/user" && req.method === "GET") {
      if (account === undefined) return send(res, 401, { message: "Requires authentication" });
      // GitHub refuses this to installation tokens; a user's token gets its account.
      if (account.type === "Bot") {
        return send(res, 403, { message: "Resource not accessible by integration" });
      }
      return send(res, 200, { login: account.login, type: account.type });
    }
    if (url.pathname === `/repos/${owner}/${repo}/pulls` && req.method === "GET") {
      return send(res, 200, pullsByHead(url).map(apiPull));
    }
    const prefix = `/repos/${owner}/${repo}/issues/`;
    if (!url.pathname.startsWith(prefix)) return send(res, 404, { message: "Not Found" });
    const rest = url.pathname.slice(prefix.length).split("/");
    const list = /^\d+$/.test(rest[0] ?? "") && rest[1] === "comments" && rest.length === 2;
    const single = rest[0] === "comments" && /^\d+$/.test(rest[1] ?? "") && rest.length === 2;

    if (list && req.method === "GET") {
      const issue = Number(rest[0]);
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30) || 30, 100);
      const page = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
      const all = comments.filter((c) => c.issueNumber === issue);
      const last = Math.max(Math.ceil(all.length / perPage), 1);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      if (page < last) {
        const next = new URL(url);
        next.searchParams.set("page", String(page + 1));
        next.searchParams.set("per_page", String(perPage));
        res.setHeader("Link", `<${next.href}>; rel="next"`);
      }
      return send(
        res,
        200,
        slice.map((c) => apiComment(c, base)),
      );
    }
    const parsed = parseBody(raw);
    if (list && req.method === "POST") {
      if (parsed === undefined) return send(res, 400, { message: "Problems parsing JSON" });
      if (parsed.length > COMMENT_LIMIT) return tooLong(res);
      const author = account?.login ?? "ghost";
      return send(res, 201, apiComment(add(Number(rest[0]), parsed, author), base));
    }
    if (single && req.method === "PATCH") {
      const comment = comments.find((c) => c.id === Number(rest[1]));
      if (comment === undefined) return send(res, 404, { message: "Not Found" });
      if (parsed === undefined) return send(res, 400, { message: "Problems parsing JSON" });
      if (parsed.length > COMMENT_LIMIT) return tooLong(res);
      comment.body = parsed;
      comment.updatedAt = new Date().toISOString();
      return send(res, 200, apiComment(comment, base));
    }
    send(res, 404, { message: "Not Found" });
  }

  /** GraphQL's `viewer`: a bot's login comes without the `[bot]` its REST login carries. */
  function viewer(res: ServerResponse, account: StubAccount | undefined, raw: string): void {
    if (account === undefined) return send(res, 401, { message: "Bad credentials" });
    if (!raw.includes("viewer")) return send(res, 400, { message: "stub answers viewer only" });
    const login = account.type === "Bot" ? account.login.replace(/\[bot\]$/, "") : account.login;
    send(res, 200, { data: { viewer: { login, __typename: account.type } } });
  }

  function pullsByHead(url: URL): StubPull[] {
    const state = url.searchParams.get("state") ?? "open";
    const head = url.searchParams.get("head");
    return pulls.filter((p) => {
      if (state !== "all" && p.state !== state) return false;
      if (head === null) return true;
      const [headOwner, ...branch] = head.split(":");
      return p.headRepo.split("/")[0] === headOwner && p.headRef === branch.join(":");
    });
  }

  function apiPull(p: StubPull) {
    const headOwner = p.headRepo.split("/")[0] ?? "";
    return {
      number: p.number,
      state: p.state,
      head: {
        sha: p.headSha,
        ref: p.headRef,
        label: `${headOwner}:${p.headRef}`,
        repo: { full_name: p.headRepo },
      },
      base: { sha: p.baseSha, ref: "main", repo: { full_name: `${owner}/${repo}` } },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    owner,
    repo,
    comments,
    pulls,
    requests,
    addToken: (token, account) => void tokens.set(token, account),
    addPull: (pull) => {
      const added = { state: "open" as const, ...pull };
      pulls.push(added);
      return added;
    },
    seed: (issueNumber, body, login = "someone") => add(issueNumber, body, login),
    commentsOn: (issueNumber) => comments.filter((c) => c.issueNumber === issueNumber),
    failNext: (status, message = `forced ${status}`) => {
      forced = { status, message };
    },
    hang: () => {
      hanging = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    const body = (value as { body?: unknown }).body;
    return typeof body === "string" ? body : undefined;
  } catch {
    return undefined;
  }
}

function tooLong(res: ServerResponse): void {
  send(res, 422, {
    message: "Validation Failed",
    errors: [
      {
        resource: "IssueComment",
        code: "custom",
        field: "body",
        message: "body is too long (maximum is 65536 characters)",
      },
    ],
  });
}

function send(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(data));
}
