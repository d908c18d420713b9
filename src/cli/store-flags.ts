/**
 * Which store `agentframer render` uses, and whether it writes. It reads the store when one is
 * named (`--store SPEC`, or `git config agentframer.store SPEC`) or when `origin` already has the
 * default store branch; `--no-store` turns it off. It writes only when asked: `--store-push`, or
 * `git config agentframer.storePush true`. A developer thus restores a teammate's renders
 * instead of paying again, and never pushes to a shared branch by surprise.
 */
import { dirname } from "node:path";
import { gitConfigValue, openStore, originHasBranch } from "../store/open.js";
import type { StoreSpec } from "../store/spec.js";
import { DEFAULT_STORE_BRANCH, parseStoreSpec } from "../store/spec.js";
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

export async function storeForCli(
  flags: StoreFlags,
  manifestPath: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): Promise<CliStore | undefined> {
  if (flags.noStore) return undefined;
  const dir = dirname(manifestPath);
  const configured = flags.store ?? (await gitConfigValue(dir, "agentframer.store", env));
  const write =
    flags.storePush || (await gitConfigValue(dir, "agentframer.storepush", env)) === "true";
  let spec: StoreSpec;
  if (configured !== undefined) spec = parseStoreSpec(configured);
  else if (write || (await originHasBranch(dir, DEFAULT_STORE_BRANCH, env)))
    spec = { kind: "git", branch: DEFAULT_STORE_BRANCH };
  else return undefined;
  const store = await openStore(spec, {
    manifestDir: dir,
    env,
    author: {
      name: env.GIT_AUTHOR_NAME || "agentframer",
      email: env.GIT_AUTHOR_EMAIL || "agentframer@localhost",
    },
    warn,
  });
  return store ? { store, write } : undefined;
}
