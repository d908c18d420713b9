/**
 * git for the store (through the one runner, git/runner.ts): a private repository, and an environment from
 * which everything that could point git elsewhere or carry a secret has been removed. A token
 * reaches git only as an `http.<server>/.extraheader` set for the one command through
 * GIT_CONFIG_COUNT: never written to any config file, never on a command line (`ps` shows those).
 */
import { devNull } from "node:os";
import { gitRunner, type GitRunner } from "../git/runner.js";

export interface StoreGitOptions {
  /** The store's private bare repository. */
  gitDir: string;
  /** The environment to start from; it is scrubbed (see scrubEnv). */
  env: NodeJS.ProcessEnv;
  /** A token for an https origin, sent only to `serverUrl`. */
  auth?: { token: string; serverUrl: string };
}

export type StoreGit = GitRunner;

/** Variables that would make git work on another repository, or that hold secrets. */
const DROP =
  /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_CONFIG_PARAMETERS|GIT_ASKPASS|SSH_ASKPASS|INPUT_.*|AGENTFRAMER_API_KEY|GITHUB_TOKEN|GH_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN)$/i;

export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!DROP.test(key)) clean[key] = value;
  return clean;
}

export function storeGit(options: StoreGitOptions): StoreGit {
  const env: NodeJS.ProcessEnv = {
    ...scrubEnv(options.env),
    GIT_DIR: options.gitDir,
  };
  // Whatever the store repository's own config says, git runs no hook, no file-system monitor
  // and no credential helper of its: none of them may ever see the token, or run at all.
  const config: Array<[string, string]> = [
    ["core.hooksPath", devNull],
    ["core.fsmonitor", "false"],
    ["credential.helper", ""],
  ];
  if (options.auth) {
    const basic = Buffer.from(`x-access-token:${options.auth.token}`).toString("base64");
    const server = options.auth.serverUrl.replace(/\/+$/, "");
    config.push([`http.${server}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
  }
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return gitRunner({ env, secrets: options.auth ? [options.auth.token] : [] });
}
