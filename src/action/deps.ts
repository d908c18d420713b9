/** Every side effect the action has, passed in: main.ts wires the real ones, tests their own. */
import type { Plan } from "../plan/types.js";
import type { CommentApi } from "../publish/comment.js";
import type { RepoRef } from "../publish/github-api.js";
import type { IdentityLookups } from "../publish/token-identity.js";
import type { Git } from "../git/runner.js";
import type { RenderConfig } from "../render/config.js";
import type { RenderResult } from "../render/result.js";
import type { OpenStoreDeps } from "../store/open.js";
import type { StoreSpec } from "../store/spec.js";
import type { Store } from "../store/store.js";
import type { CacheBackend } from "./actions-cache.js";
import type { ActionHost } from "./host.js";
import type { PullLookup } from "./workflow-run-pr.js";

/** The render engine, as the action sees it; engine.ts binds the real one. */
export interface Engine {
  /** Load the manifest and plan offline. Throws ManifestError for a bad manifest. */
  plan(config: RenderConfig): Promise<Plan>;
  render(config: RenderConfig, store?: StoreUse): Promise<RenderResult>;
}

/** The store a render reads, and whether it may write to it. */
export interface StoreUse {
  store: Store;
  write: boolean;
}

export interface ActionDeps {
  host: ActionHost;
  env: NodeJS.ProcessEnv;
  engine: Engine;
  cacheBackend(): Promise<CacheBackend>;
  commentApi(token: string, repo: RepoRef): Promise<CommentApi & IdentityLookups>;
  /** Open PRs by head, for the workflow_run half of the fork-safe pattern. */
  pullLookup(token: string, repo: RepoRef): Promise<PullLookup>;
  git(cwd: string): Git;
  openStore(spec: StoreSpec, deps: OpenStoreDeps): Promise<Store | undefined>;
}
