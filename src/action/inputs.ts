/**
 * Reads every input once into one typed settings object: the same RenderConfig the CLI builds,
 * plus what only the action needs to publish. Each bad value gets one exact message naming the
 * input and what it got, so a user can fix the workflow without reading our source.
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { RenderConfig } from "../render/config.js";
import { parseShard } from "../render/select.js";
import { isLoopbackHostname } from "../net/url-policy.js";
import { parseStoreSpec, StoreSpecError, type StoreSpec } from "../store/spec.js";
import {
  InputDefaults,
  Inputs,
  MAX_CONCURRENCY,
  PUBLISH_MODES,
  type InputName,
  type PublishMode,
} from "./constants.js";

export class InputError extends Error {
  override readonly name = "InputError";
}

export interface PublishSettings {
  mode: PublishMode;
  /** Token for the comment API; the workflow token unless the user passes another. */
  githubToken: string | undefined;
  commitMessage: string;
  failOnError: boolean;
  /** The PR to comment on when the event carries none (a workflow_run run). */
  pullRequest: number | undefined;
}

export interface ActionSettings {
  config: RenderConfig;
  publish: PublishSettings;
  /** Restore and save `.agentframer/cache` with @actions/cache. */
  cache: boolean;
  /** The shared store; `explicit` when the workflow named it rather than taking the default. */
  store: { spec: StoreSpec; explicit: boolean };
  /** Absolute path of the checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** The manifest path relative to the workspace, forward slashes: the comment's marker key. */
  manifest: string;
  /**
   * The fan-in of a matrix: absolute paths of shard locks, or of folders holding them, to merge
   * into the manifest's lock instead of rendering. Empty: render as usual.
   */
  lockMerge: string[];
}

/** `name` → raw value; the real one is core.getInput, tests pass a record. */
export type InputSource = (name: string) => string;

export function readSettings(getInput: InputSource, workspace: string): ActionSettings {
  const read = (name: InputName): string => {
    const value = getInput(name).trim();
    return value === "" ? (InputDefaults[name] ?? "") : value;
  };

  const manifestInput = read(Inputs.Manifest);
  const manifestPath = resolve(workspace, manifestInput);
  const manifest = relative(workspace, manifestPath).split("\\").join("/");
  if (manifest === "" || manifest.startsWith("../") || manifest === ".." || isAbsolute(manifest)) {
    throw new InputError(
      `Input 'manifest' must be a file inside the workspace, got '${manifestInput}'`,
    );
  }

  const apiKey = read(Inputs.ApiKey);
  const config: RenderConfig = {
    manifestPath,
    apiUrl: parseApiUrl(read(Inputs.ApiUrl)),
    apiKey: apiKey === "" ? undefined : apiKey,
    emulator: false,
    concurrency: parseWholeNumber(Inputs.Concurrency, read(Inputs.Concurrency), 1, MAX_CONCURRENCY),
    only: undefined,
    force: false,
    maxJobs: parseOptional(read(Inputs.MaxJobs), (v) =>
      parseWholeNumber(Inputs.MaxJobs, v, 0, Number.MAX_SAFE_INTEGER),
    ),
    shard: parseOptional(read(Inputs.Shard), parseShardInput),
  };
  const maxCredits = parseOptional(read(Inputs.MaxCredits), parseCredits);
  if (maxCredits !== undefined) config.maxCredits = maxCredits;

  const commitMessage = read(Inputs.CommitMessage);
  const token = read(Inputs.GithubToken);
  return {
    config,
    publish: {
      mode: parsePublishMode(read(Inputs.Publish)),
      githubToken: token === "" ? undefined : token,
      commitMessage,
      failOnError: parseBoolean(Inputs.FailOnError, read(Inputs.FailOnError)),
      pullRequest: parseOptional(read(Inputs.PullRequest), (v) =>
        parseWholeNumber(Inputs.PullRequest, v, 1, Number.MAX_SAFE_INTEGER),
      ),
    },
    cache: parseBoolean(Inputs.Cache, read(Inputs.Cache)),
    store: {
      spec: parseStoreInput(read(Inputs.Store)),
      explicit: getInput(Inputs.Store).trim() !== "",
    },
    workspace,
    manifest,
    lockMerge: parseLockMerge(read(Inputs.LockMerge), workspace),
  };
}

/** One path a line (or separated by spaces), each inside the workspace. */
function parseLockMerge(value: string, workspace: string): string[] {
  return value
    .split(/\s+/)
    .filter((part) => part !== "")
    .map((part) => {
      const path = resolve(workspace, part);
      const inside = relative(workspace, path);
      if (inside.startsWith("..") || isAbsolute(inside)) {
        throw new InputError(
          `Input 'lock-merge' must name files or folders inside the workspace, got '${part}'`,
        );
      }
      return path;
    });
}

function parseStoreInput(value: string): StoreSpec {
  try {
    return parseStoreSpec(value);
  } catch (error) {
    if (error instanceof StoreSpecError) throw new InputError(`Input 'store': ${error.message}`);
    throw error;
  }
}

function parseOptional<T>(value: string, parse: (v: string) => T): T | undefined {
  return value === "" ? undefined : parse(value);
}

function parseWholeNumber(name: InputName, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new InputError(`Input '${name}' must be a whole number ${range}, got '${value}'`);
  }
  return n;
}

/** A number of credits, fractions allowed: "40", "12.5". */
function parseCredits(value: string): number {
  const n = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) {
    throw new InputError(
      `Input 'max-credits' must be a number of credits, 0 or more (e.g. 40 or 12.5), got '${value}'`,
    );
  }
  return n;
}

function parseShardInput(value: string): { index: number; total: number } {
  const shard = parseShard(value);
  if (typeof shard === "string") {
    throw new InputError(
      `Input 'shard' must be I/N with whole numbers 1 <= I <= N (e.g. 2/4), got '${value}'`,
    );
  }
  return shard;
}

/** The YAML 1.2 core schema's booleans, as core.getBooleanInput accepts them. */
function parseBoolean(name: InputName, value: string): boolean {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new InputError(`Input '${name}' must be true or false, got '${value}'`);
}

function parsePublishMode(value: string): PublishMode {
  const mode = PUBLISH_MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new InputError(
      `Input 'publish' must be one of ${PUBLISH_MODES.join(", ")}, got '${value}'`,
    );
  }
  return mode;
}

function parseApiUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new InputError(`Input 'api-url' must be an http(s) URL, got '${value}'`);
  }
  // The key travels to this URL: refused here, not after the plan and the cache restore.
  if (url.protocol === "http:" && !isLoopbackHostname(url.hostname)) {
    throw new InputError(
      `Input 'api-url' must use https (plain http only on loopback), got '${url.origin}'`,
    );
  }
  return value.replace(/\/+$/, "");
}
