/**
 * The action's side of the store: which store this run uses, and whether it may write. Every run
 * reads; pushes, same-repository pull requests and the privileged half of the fork-safe pattern
 * write. A fork's own `pull_request` run never writes (it has no secrets and a read-only token).
 * The store's bytes are the API's, checked against their SHA-256, whoever wrote the manifest.
 * Pushing uses the `github-token` input as an HTTP header for that one git command, so it works
 * where actions/checkout ran with `persist-credentials: false`.
 */
import { dirname } from "node:path";
import { StoreSpecError } from "../store/spec.js";
import { BOT_EMAIL, BOT_NAME } from "./constants.js";
import type { RunContext } from "./context.js";
import type { ActionDeps, StoreUse } from "./deps.js";
import type { ActionSettings } from "./inputs.js";

export async function openActionStore(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
): Promise<StoreUse | undefined> {
  const { spec, explicit } = settings.store;
  if (spec.kind === "none") return undefined;
  const token = settings.publish.githubToken;
  let store;
  try {
    store = await deps.openStore(spec, {
      manifestDir: dirname(settings.config.manifestPath),
      env: deps.env,
      ...(token ? { auth: { token, serverUrl: context.serverUrl } } : {}),
      author: { name: BOT_NAME, email: BOT_EMAIL },
      warn: (message) => deps.host.warning(message),
    });
  } catch (error) {
    // The default store needs an origin; a workspace without one just runs without it.
    if (!(error instanceof StoreSpecError) || explicit) throw error;
    deps.host.info(`store: off (${error.message})`);
    return undefined;
  }
  if (store === undefined) return undefined;
  // The privileged half of the fork-safe pattern (workflow_run) renders a fork's manifest with
  // trusted code and writes; the fork's own pull_request run never does.
  const write = !(context.eventName === "pull_request" && context.pullRequest?.fromFork === true);
  deps.host.info(
    `store: ${store.label}, ${write ? "read and write" : "read only (a pull request from a fork)"}`,
  );
  return { store, write };
}
