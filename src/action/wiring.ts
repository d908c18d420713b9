/** The action as the runner runs it: runAction with the real host, engine, cache, GitHub and git. */
import { credentialsIn } from "../net/leaked-key.js";
import { createCommentApi } from "../publish/github-api.js";
import { githubTimeoutMs } from "../publish/github-deadline.js";
import { gitIn } from "../git/runner.js";
import { openStore } from "../store/open.js";
import { actionsCacheBackend } from "./actions-cache.js";
import { Inputs } from "./constants.js";
import { renderEngine } from "./engine.js";
import { createPullLookup } from "./pull-lookup.js";
import type { ActionHost } from "./host.js";
import { runAction } from "./run.js";

export async function main(host: ActionHost, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const apiKey = host.getInput(Inputs.ApiKey).trim() || undefined;
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  await runAction({
    host,
    env,
    engine: renderEngine(apiKey, [host.getInput(Inputs.GithubToken).trim(), ...credentialsIn(env)]),
    cacheBackend: actionsCacheBackend,
    commentApi: (token, repo) => createCommentApi(token, repo, apiUrl, githubTimeoutMs(env)),
    pullLookup: (token, repo) => createPullLookup(token, repo, apiUrl, githubTimeoutMs(env)),
    git: (cwd) => gitIn(cwd, env),
    openStore,
  });
}
