/**
 * Issue 5, item 11: the API key goes to the API's origin in the Authorization header and nowhere
 * else. Every other reliability test scans the repository and everything it printed through the
 * invariant; this one drives the whole action — plan, render, publish — against an API that
 * echoes the key back in every place a server could (an error message, a job's failure text, the
 * result URL's query string, the URL in upper case, the generation id itself), and scans what a
 * user or the world could see — stdout/stderr, the work tree and the commit, the PR comment, the
 * job summary and the step outputs — for the key in any case and percent-encoding.
 */
import { openStore } from "../../src/store/open.js";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createCommentApi } from "../../src/publish/github-api.js";
import { createPullLookup } from "../../src/action/pull-lookup.js";
import { gitIn } from "../../src/git/runner.js";
import { createReporter } from "../../src/render/progress/progress.js";
import { planFor, render } from "../../src/render/render.js";
import { runAction } from "../../src/action/run.js";
import type { ActionDeps, Engine } from "../../src/action/deps.js";
import { eventFile, pullRequestEvent, pushEvent, recordingHost } from "../support/action-host.js";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import type { GitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import type { GitHubStub } from "../support/github-stub.js";
import { captureStream } from "../support/render-repo.js";
import { startScriptedServer } from "../support/scripted-server.js";
import type { RecordedRequest, Reply, ScriptedServer } from "../support/scripted-server.js";
import { filesUnder, showsKey } from "../support/reliability/invariant.js";
import { SECRET } from "../support/reliability/setup.js";

// A 1×1 PNG: enough for the downloader's magic-byte check.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const MANIFEST = `version: 1
defaults: { type: image, model: flux-1.1-pro, params: { width: 64, height: 64 } }
assets:
  - { id: fine, prompt: "a plain render", output: public/fine.png }
  - { id: leaky, prompt: "echo the key into the url", output: public/leaky.png }
  - { id: refused, prompt: "echo the key into a 400", output: public/refused.png }
  - { id: crashed, prompt: "echo the key into the failure", output: public/crashed.png }
  - { id: keyed, prompt: "answer the key as the generation id", output: public/keyed.png }
  - { id: shouty, prompt: "shout the key in the url", output: public/shouty.png }
`;

/** An API that repeats the Authorization header back in every field it controls. */
function echoingApi(origin: () => string): (req: RecordedRequest) => Reply {
  return (req) => {
    const auth = String(req.headers.authorization ?? "");
    const all = JSON.stringify(req.headers);
    if (req.method === "POST") {
      const prompt = (JSON.parse(req.body) as { prompt: string }).prompt;
      if (prompt.includes("400")) {
        return {
          status: 400,
          body: { error: { message: `bad request from ${auth}; headers were ${all}` } },
        };
      }
      const id = prompt.includes("failure")
        ? "gen_crash"
        : prompt.includes("shout")
          ? "gen_shout"
          : prompt.includes("url")
            ? "gen_leak"
            : prompt.includes("generation id")
              ? auth.replace("Bearer ", "")
              : "gen_fine";
      return { status: 201, body: { id } };
    }
    if (req.path.startsWith("/v1/generations/gen_crash")) {
      return {
        status: 200,
        body: { id: "gen_crash", status: "failed", error: `worker died holding ${auth} (${all})` },
      };
    }
    if (req.path.startsWith("/v1/generations/gen_leak")) {
      const token = encodeURIComponent(auth);
      const url = `${origin()}/files/leak.png?echo=${token}`;
      return { status: 200, body: { id: "gen_leak", status: "succeeded", url } };
    }
    if (req.path.startsWith("/v1/generations/gen_shout")) {
      // Upper case, as a host name or a case-folding proxy would turn it: still the key.
      const url = `${origin()}/files/${auth.replace("Bearer ", "").toUpperCase()}.png`;
      return { status: 200, body: { id: "gen_shout", status: "succeeded", url } };
    }
    if (req.path.startsWith("/v1/generations/gen_fine")) {
      const url = `${origin()}/files/fine.png?sig=abc`;
      return { status: 200, body: { id: "gen_fine", status: "succeeded", url } };
    }
    if (req.path.startsWith("/files/")) return { status: 200, body: PNG };
    return { status: 404, body: { error: `nothing at ${req.path} for ${auth}` } };
  };
}

let remote: GitRemote | undefined;
let stub: GitHubStub | undefined;
let api: ScriptedServer | undefined;
afterEach(async () => {
  remote?.cleanup();
  await stub?.close();
  await api?.close();
  remote = stub = api = undefined;
});

describe.each(["pull_request", "push"] as const)(
  "the action on %s (comment or commit), against an API that echoes the key everywhere",
  (eventName) => {
    it("never shows the key: not in logs, files, commit, comment, summary or outputs", async () => {
      let apiOrigin = "";
      api = await startScriptedServer(echoingApi(() => apiOrigin));
      apiOrigin = api.origin;
      stub = await startGitHubStub();
      remote = createGitRemote({ "agentframer.yml": MANIFEST });
      const printed = captureStream();
      const host = recordingHost({
        "api-key": SECRET,
        "api-url": `${api.origin}/v1`,
        cache: "false",
        "github-token": "ghs_token",
      });
      // The real engine, with progress to a captured stream and no scrubbing of its own, so that
      // a key reaching the reporter would show.
      const engine: Engine = {
        plan: async (config) => (await planFor(config)).plan,
        render: async (config) => {
          const reporter = createReporter({ stream: printed, interactive: false, color: false });
          try {
            return await render(config, { reporter });
          } finally {
            reporter.close();
          }
        },
      };
      const deps: ActionDeps = {
        host,
        engine,
        env: {
          GITHUB_WORKSPACE: remote.clone,
          GITHUB_REPOSITORY: "octo/media",
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: eventFile(
            eventName === "push" ? pushEvent(remote.remoteHead()) : pullRequestEvent(5),
          ),
          GITHUB_REF: "refs/heads/main",
          GITHUB_SHA: remote.remoteHead(),
        },
        cacheBackend: () => Promise.reject(new Error("cache is off")),
        commentApi: (token, repo) => createCommentApi(token, repo, stub?.url ?? ""),
        pullLookup: (token, repo) => createPullLookup(token, repo, stub?.url ?? ""),
        git: (cwd) => gitIn(cwd, { ...process.env, ...GIT_TEST_ENV }),
        openStore,
      };
      await runAction(deps);

      // The run did what it should: one asset rendered, two failed with the server's words.
      const result = JSON.parse(host.outputs.result ?? "{}") as {
        assets: Array<{ id: string; status: string; error?: string }>;
      };
      expect(result.assets.map((a) => [a.id, a.status])).toEqual([
        ["fine", "rendered"],
        ["leaky", "failed"],
        ["refused", "failed"],
        ["crashed", "failed"],
        ["keyed", "failed"],
        ["shouty", "failed"],
      ]);
      expect(result.assets[1]?.error).toMatch(/refused result URL: it carries the API key/);
      expect(result.assets[2]?.error).toMatch(/HTTP 400: bad request from Bearer \[redacted\]/);
      expect(result.assets[3]?.error).toMatch(/worker died holding Bearer \[redacted\]/);
      expect(result.assets[4]?.error).toMatch(/generation id it answered carries the API key/);
      expect(result.assets[5]?.error).toMatch(/refused result URL: it carries the API key/);
      // The key went to the API only in the Authorization header, and never with a download.
      // The URL carrying the key was never fetched; the plain one was, without credentials.
      const downloads = api.requests.filter((r) => r.path.startsWith("/files/"));
      expect(downloads).toHaveLength(1);
      for (const r of downloads) expect(r.headers.authorization).toBeUndefined();

      const seen: Array<[string, string]> = [
        ["progress", printed.text()],
        ["outputs", JSON.stringify(host.outputs)],
        ["summary", host.summary],
        [
          "logs",
          JSON.stringify([host.logs, host.warnings, host.notices, host.errors, host.failed]),
        ],
        ["comments", JSON.stringify(stub.comments)],
        ["GitHub requests", JSON.stringify(stub.requests)],
        [
          "remote history",
          execFileSync("git", ["log", "--all", "-p", "--format=%H %B"], {
            cwd: remote.bare,
            env: { ...process.env, ...GIT_TEST_ENV },
          }).toString("latin1"),
        ],
      ];
      for (const file of await filesUnder(remote.clone)) {
        seen.push([file, await readFile(`${remote.clone}/${file}`, "latin1")]);
      }
      const leaks = seen.filter(([, text]) => showsKey(text, SECRET)).map(([where]) => where);
      expect(leaks).toEqual([]);
      // Something was published, so the scan looked at real text.
      expect(host.summary).toContain("fine");
      if (eventName === "pull_request") expect(stub.comments).toHaveLength(1);
      else expect(host.outputs["commit-sha"]).toMatch(/^[0-9a-f]{40}$/);
    });
  },
);
