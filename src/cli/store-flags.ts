/**
 * Which store `render`, `pull` and `lock merge` use: one rule, the first of these that says
 * anything —
 *   1. `--store SPEC` (`--store none` turns the store off; `render --no-store` too),
 *   2. the environment variable `AGENTFRAMER_STORE`,
 *   3. `git config agentframer.store` in the manifest's repository,
 *   4. `origin`'s `agentframer-store` branch, when it has one (`git`),
 * else no store. `render` writes to it only when asked: `--store-push`, or
 * `git config agentframer.storePush true` (and with nothing else named, that means `git`). A
 * developer thus restores a teammate's renders instead of paying again, and never pushes to a
 * shared branch by surprise.
 */
import { dirname } from "node:path";
import { gitConfigValue, openStore, originHasBranch, originUrlOf } from "../store/open.js";
import type { StoreSpec } from "../store/spec.js";
import { DEFAULT_STORE_BRANCH, parseStoreSpec, StoreSpecError } from "../store/spec.js";
import type { Store } from "../store/store.js";

export interface StoreFlags {
  store: string | undefined;
  noStore: boolean;
  storePush: boolean;
}

export interface CliStore {
  store: Store;
  write: boolean;
}

/** The store's spec and where it came from (`--store`, `AGENTFRAMER_STORE`, …), by the rule above. */
export interface ChosenStore {
  spec: StoreSpec;
  source: string;
}

/**
 * The store for the manifest at `manifestPath`, by the rule above (`flag` is `--store`'s value);
 * undefined when nothing names one. `wantsWrite` (render's `--store-push`) picks `git` when nothing else is named.
 * Throws StoreSpecError, naming the source, for a spec that does not parse.
 */
export async function chooseStore(
  flag: string | undefined,
  manifestPath: string,
  env: NodeJS.ProcessEnv,
  wantsWrite = false,
): Promise<ChosenStore | undefined> {
  const dir = dirname(manifestPath);
  const named = await namedStore(flag, dir, env);
  if (named !== undefined) {
    try {
      return { spec: parseStoreSpec(named.text), source: named.source };
    } catch (error) {
      if (!(error instanceof StoreSpecError)) throw error;
      throw new StoreSpecError(`${named.source}: ${error.message}`);
    }
  }
  if (wantsWrite || (await originHasBranch(dir, DEFAULT_STORE_BRANCH, env))) {
    return {
      spec: { kind: "git", branch: DEFAULT_STORE_BRANCH },
      source: `origin's ${DEFAULT_STORE_BRANCH} branch`,
    };
  }
  return undefined;
}

async function namedStore(
  flag: string | undefined,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ text: string; source: string } | undefined> {
  if (flag !== undefined) return { text: flag, source: "--store" };
  // An empty variable (a CI template with no value) names nothing.
  const fromEnv = env.AGENTFRAMER_STORE?.trim();
  if (fromEnv) return { text: fromEnv, source: "AGENTFRAMER_STORE" };
  const fromConfig = await gitConfigValue(dir, "agentframer.store", env);
  if (fromConfig !== undefined) return { text: fromConfig, source: "git config agentframer.store" };
  return undefined;
}

/** Open a chosen store, its commits by the environment's git author. Undefined for `none`. */
export async function openChosenStore(
  chosen: ChosenStore,
  manifestPath: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): Promise<Store | undefined> {
  const manifestDir = dirname(manifestPath);
  const auth = chosen.spec.kind === "git" ? await storeTokenFor(manifestDir, env) : undefined;
  return openStore(chosen.spec, {
    manifestDir,
    env,
    ...(auth ? { auth } : {}),
    author: {
      name: env.GIT_AUTHOR_NAME || "agentframer",
      email: env.GIT_AUTHOR_EMAIL || "agentframer@localhost",
    },
    warn,
  });
}

/**
 * The store's git reads no global config, so a credential helper of yours does not reach it: for
 * an https `origin` that needs credentials, AGENTFRAMER_STORE_TOKEN is sent (as the action's
 * github-token is) to origin's server only. ssh origins use your ssh keys and agent as they are.
 */
async function storeTokenFor(
  manifestDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ token: string; serverUrl: string } | undefined> {
  const token = env.AGENTFRAMER_STORE_TOKEN?.trim();
  if (!token) return undefined;
  const origin = await originUrlOf(manifestDir, env);
  if (origin === undefined || !/^https:\/\//i.test(origin)) return undefined;
  return { token, serverUrl: new URL(origin).origin };
}

/** `render`'s store, and whether this run writes to it. */
export async function storeForCli(
  flags: StoreFlags,
  manifestPath: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): Promise<CliStore | undefined> {
  if (flags.noStore) return undefined;
  const write =
    flags.storePush ||
    (await gitConfigValue(dirname(manifestPath), "agentframer.storepush", env)) === "true";
  const chosen = await chooseStore(flags.store, manifestPath, env, write);
  if (chosen === undefined) return undefined;
  const store = await openChosenStore(chosen, manifestPath, env, warn);
  return store ? { store, write } : undefined;
}
