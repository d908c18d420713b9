/**
 * Text from servers never becomes a workflow command, never carries a credential, and a server
 * that never answers never holds the step. Each server the built action talks to is made hostile
 * in turn — the AgentFramer API, an S3 store, git's `origin`, the GitHub API — and what the step
 * printed is read as the runner reads it: line by line, a line starting (after blanks) with `::`
 * is a command, and `\r` ends a line as `\n` does.
 */
import { describe, expect, it } from "vitest";
import { runDistAction, type ActionRun } from "../support/action-runner.js";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { startScriptedServer } from "../support/scripted-server.js";
import { allowPartialClone } from "../support/store-remote.js";
import { API_KEY, BASE_MANIFEST } from "../action/fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "../action/harness.js";

const h = useActionHarness();
const TOKEN = "ghs_stub_token";

/** What a hostile server says: a forged annotation, and commands that would silence or mask the log. */
function hostile(who: string): string {
  return `refused\n::error file=src/app.js,line=1::owned-by-${who}\r::stop-commands::${who}\n  ::add-mask::${who}\n##[error]v1-${who}`;
}

/** Lines the runner would take as commands that the action did not mean to send. */
function forgedCommands(run: ActionRun, masked: readonly string[]): string[] {
  const own = [/^::(group|endgroup)::/, /^::(error|warning|notice)( [^:]*)?::/, /^::add-mask::/];
  return [run.stdout, run.stderr]
    .join("\n")
    .split(/\r\n|\r|\n/)
    .filter((line) => {
      const command = line.trimStart();
      if (line.includes("##[")) return true;
      if (!command.startsWith("::")) return false;
      // The action's own commands carry outside text only escaped (%0A for a newline), on one line.
      // The action masks the credentials it holds; a mask of anything else is forged.
      if (command.startsWith("::add-mask::")) {
        return ![API_KEY, ...masked].some((secret) => command === `::add-mask::${secret}`);
      }
      return !own.some((ok) => ok.test(command)) || /^::error file=src\/app\.js/.test(command);
    });
}

/** Every spelling of each credential a log could carry: raw, URL-encoded, and base64 as in basic auth. */
function spellings(secret: string, user?: string): string[] {
  const out = [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
  if (user !== undefined) out.push(Buffer.from(`${user}:${secret}`).toString("base64"));
  return out;
}

function expectNoSecret(run: ActionRun, secrets: readonly string[]): void {
  const printed = [run.stdout, run.stderr, run.outputFile, run.summary].join("\n");
  const shown = printed
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  for (const secret of secrets) expect(shown, `printed ${secret}`).not.toContain(secret);
}

describe("workflow commands and credentials in server text", () => {
  it("from the API and an S3 store: neutralised, and no credential in any encoding", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    const aws = {
      AWS_ACCESS_KEY_ID: "AKIATESTKEYID0000001",
      AWS_SECRET_ACCESS_KEY: "sEcReT/with+plus=sign0000000000000000000",
      AWS_SESSION_TOKEN: "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQ+tok/en==",
      AWS_REGION: "us-east-1",
    };
    // An S3 endpoint that refuses everything and echoes the request's credentials in its Message.
    const echoed = [
      `X-Amz-Security-Token=${encodeURIComponent(aws.AWS_SESSION_TOKEN)}`,
      `Basic ${Buffer.from(`${aws.AWS_ACCESS_KEY_ID}:${aws.AWS_SECRET_ACCESS_KEY}`).toString("base64")}`,
    ].join(" ");
    const s3 = await startScriptedServer(() => ({
      status: 403,
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>${echoed} ${hostile("s3")}</Message></Error>`,
    }));
    // An API that refuses every job, quoting the key back in two encodings.
    const api = await startScriptedServer(() => ({
      status: 422,
      body: {
        error: {
          message: `${encodeURIComponent(API_KEY)} ${Buffer.from(API_KEY).toString("base64")} ${hostile("api")}`,
        },
      },
    }));
    try {
      const run = await runDistAction({
        workspace: h.remote.clone,
        inputs: {
          "api-key": API_KEY,
          "api-url": api.origin,
          "github-token": TOKEN,
          cache: "false",
          store: "s3://media/renders",
          publish: "none",
        },
        eventName: "push",
        event: pushEvent("0".repeat(40), "add manifest"),
        githubApiUrl: h.stub.url,
        env: { ...aws, AWS_ENDPOINT_URL_S3: s3.origin },
      });
      expect(s3.requests.length).toBeGreaterThan(0);
      expect(api.requests.length).toBeGreaterThan(0);
      expect(run.stdout).toContain("owned-by-s3");
      expect(run.stdout).toContain("owned-by-api");
      expect(forgedCommands(run, [TOKEN, ...Object.values(aws)])).toEqual([]);
      expectNoSecret(run, [
        ...spellings(API_KEY),
        ...spellings(aws.AWS_ACCESS_KEY_ID),
        ...spellings(aws.AWS_SECRET_ACCESS_KEY, aws.AWS_ACCESS_KEY_ID),
        ...spellings(aws.AWS_SESSION_TOKEN),
      ]);
    } finally {
      await Promise.all([s3.close(), api.close()]);
    }
  });

  it("from git's origin and the GitHub API: neutralised, and the token in no encoding", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    // The remote refuses the store's push, printing commands; GitHub refuses the comment, the same.
    h.remote.refusePushes(
      `${hostile("git")} ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`,
    );
    h.stub.failNext(422, `${hostile("github")} ${encodeURIComponent(TOKEN)}`);
    const base = h.remote.remoteHead();
    const run = await h.run("pull_request", prEvent(7, base), {}, { GITHUB_HEAD_REF: "feature" });
    expect(run.stdout).toContain("owned-by-github");
    expect(forgedCommands(run, [TOKEN])).toEqual([]);
    expectNoSecret(run, spellings(TOKEN, "x-access-token"));
  });
});
