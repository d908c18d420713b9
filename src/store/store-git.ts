/**
 * git for the store (through the one runner, git/runner.ts): the tool's own private repository,
 * and nothing else configuring it. A store command carries the github-token, so no program that a
 * config names may run beside it, and no config may send `origin` elsewhere:
 *
 * - **No config but the tool's**: no system config (GIT_CONFIG_NOSYSTEM), no global one
 *   (GIT_CONFIG_GLOBAL=/dev/null), and the repository's own file is the one the tool wrote
 *   (git-store.ts checks it, byte for byte, and makes the repository again otherwise).
 * - **An environment kept, not scrubbed**: only what git needs to find programs, proxies and
 *   certificates (and ssh its agent) passes; GIT_SSH_COMMAND, GIT_EXEC_PATH, GIT_TEMPLATE_DIR, a
 *   token in GITHUB_TOKEN and everything else the caller's environment holds do not.
 * - **The tool's settings on every command** (GIT_CONFIG_COUNT: above every file): no hook, no
 *   file-system monitor, no credential helper, plain `ssh`, only the file, https, http and ssh
 *   transports (never `ext::`), and a transfer that stalls for a minute fails.
 * - **The token only where it is needed**: an `http.<server>/.extraheader` for the commands that
 *   talk to `origin` (ls-remote, fetch, push), never on a command line (`ps` shows those), never
 *   in a config file, never in the environment of a command that does not reach the network.
 * - **A deadline on every network command.**
 */
import { devNull } from "node:os";
import {
  gitRunner,
  NETWORK_COMMANDS,
  subcommandOf,
  type GitRunner,
  type RunOptions,
} from "../git/runner.js";
import { redactSecrets } from "../net/leaked-key.js";
import { neutralizeOutsideText } from "../util/outside-text.js";

export interface StoreGitOptions {
  /** The store's private bare repository. */
  gitDir: string;
  /** The environment to start from; only what git needs is kept (see keptEnv). */
  env: NodeJS.ProcessEnv;
  /** A token for an https origin, sent only to `serverUrl`. */
  auth?: { token: string; serverUrl: string };
  /** The deadline of one network command (ls-remote, fetch, push). */
  networkTimeoutMs?: number;
}

export type StoreGit = GitRunner;

/** A fetch of a big store's blobs can take minutes; a stalled one ends by http.lowSpeedTime. */
export const NETWORK_TIMEOUT_MS = 20 * 60_000;

/** Variables git may see: how to find programs, proxies and certificates, and ssh its agent. */
const KEPT =
  /^(PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|SYSTEMROOT|COMSPEC|PATHEXT|LANG|SSH_AUTH_SOCK|SSL_CERT_FILE|SSL_CERT_DIR|GIT_SSL_CAINFO|GIT_SSL_CAPATH|(HTTPS?|ALL|NO)_PROXY)$/i;

export function keptEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (KEPT.test(key)) kept[key] = value;
  return kept;
}

/** The tool's settings, above every config file git might still read. */
const SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ["core.hooksPath", devNull],
  ["core.fsmonitor", "false"],
  ["credential.helper", ""],
  ["core.sshCommand", "ssh"],
  ["core.askPass", ""],
  ["protocol.allow", "never"],
  ["protocol.file.allow", "always"],
  ["protocol.https.allow", "always"],
  ["protocol.http.allow", "always"],
  ["protocol.ssh.allow", "always"],
  ["http.lowSpeedLimit", "1000"],
  ["http.lowSpeedTime", "60"],
];

function configEnv(settings: ReadonlyArray<readonly [string, string]>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(settings.length) };
  settings.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

export function storeGit(options: StoreGitOptions): StoreGit {
  const secrets = options.auth ? [options.auth.token] : [];
  const local = configEnv(SETTINGS);
  const runner = gitRunner({
    env: {
      ...keptEnv(options.env),
      GIT_DIR: options.gitDir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: devNull,
      ...local,
    },
    secrets,
    // A remote's messages reach the run's warnings: neutralised, and no spelling of the token.
    outsideText: (text) => neutralizeOutsideText(redactSecrets(text, secrets)),
  });
  const withToken = options.auth
    ? configEnv([
        ...SETTINGS,
        [
          `http.${options.auth.serverUrl.replace(/\/+$/, "")}/.extraheader`,
          `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.auth.token}`).toString("base64")}`,
        ],
      ])
    : local;
  const timeoutMs = options.networkTimeoutMs ?? NETWORK_TIMEOUT_MS;
  const optionsFor = (args: readonly string[], given: RunOptions = {}): RunOptions => {
    // The commands that talk to `origin`: the only ones given the token, each with a deadline.
    const network = NETWORK_COMMANDS.has(subcommandOf(args) ?? "");
    return {
      ...given,
      env: { ...given.env, ...(network ? withToken : local) },
      ...(network ? { timeoutMs: given.timeoutMs ?? timeoutMs } : {}),
    };
  };
  return {
    run: (args, given) => runner.run(args, optionsFor(args, given)),
    runBytes: (args, given) => runner.runBytes(args, optionsFor(args, given)),
    toFile: (args, dest) => runner.toFile(args, dest),
    stream: (args, input) => runner.stream(args, input),
  };
}
