import type { Writable } from "node:stream";
import type { RenderConfig } from "../../render/config.js";
import { DEFAULT_API_URL, DEFAULT_CONCURRENCY } from "../../render/config.js";
import type { RenderResult } from "../../render/result.js";
import { parseShard } from "../../render/select.js";
import { isLoopbackHostname } from "../../net/url-policy.js";
import { CommandError, manifestPathFrom, parseCommandArgs, UsageError } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { StoreFlags } from "../store-flags.js";
import { StoreSpecError } from "../../store/spec.js";
import { STORE_RULE_HELP } from "../store-rule.js";
import { previewTools } from "../../derive/preview/tools.js";
import { listenForStopSignals } from "../../util/stop-signals.js";
import type { EmulatorOptions } from "../../emulator/types.js";
import {
  EMULATOR_BEHAVIOUR_HELP,
  EMULATOR_BEHAVIOUR_OPTIONS,
  emulatorOptionsFrom,
  givenEmulatorFlags,
} from "../emulator-flags.js";

const OPTIONS = {
  emulator: { type: "boolean" },
  ...EMULATOR_BEHAVIOUR_OPTIONS,
  concurrency: { type: "string" },
  only: { type: "string", multiple: true },
  force: { type: "boolean" },
  "overwrite-modified": { type: "boolean" },
  "max-jobs": { type: "string" },
  "max-credits": { type: "string" },
  shard: { type: "string" },
  json: { type: "boolean" },
  "api-url": { type: "string" },
  store: { type: "string" },
  "no-store": { type: "boolean" },
  "store-push": { type: "boolean" },
} as const;

const MAX_CONCURRENCY = 256;

const MISSING_KEY = [
  "AGENTFRAMER_API_KEY is not set.",
  "Set it to a key from your AgentFramer workspace (export AGENTFRAMER_API_KEY=…; in GitHub Actions",
  "pass it as a secret to the action's api-key input), or add --emulator to render offline",
  "against the built-in emulator. The key is read only from the environment, never from a flag.",
].join("\n");

/** Exit code for a finished render, as README.md's "Exit codes" table gives them. */
function exitCodeFor(result: RenderResult): number {
  if (result.stopped !== undefined) return ExitCode.Stopped;
  return result.counts.failed > 0 ? ExitCode.AssetsFailed : ExitCode.Ok;
}

export const renderCommand: Command = {
  name: "render",
  summary: "Render what changed: submit, poll, download, verify, and record it in the lock",
  usage:
    "render [MANIFEST] [--emulator [EMULATOR FLAGS]] [--concurrency N] [--only PATTERN]... [--force] [--overwrite-modified] [--max-jobs N] [--max-credits N] [--shard I/N] [--json] [--api-url URL] [--store SPEC | --no-store] [--store-push]",
  description: [
    "Hashes every asset, restores what the cache (.agentframer/cache) already holds, and submits",
    "only what changed to the AgentFramer API, each with an idempotency key derived from its",
    "hash. Each finished asset is written atomically and recorded in the manifest's lock at once",
    "(agentframer.yml → agentframer.lock, media.yml → media.lock).",
    "A run that is interrupted (Ctrl-C, a killed CI job) resumes its jobs when run again.",
    "",
    "Between the cache and the API sits the store, shared by every branch and machine. It is",
    "written only with --store-push (or git config agentframer.storePush true). With",
    "`outputs: store`, the lock records a render only once the store holds its bytes.",
    ...STORE_RULE_HELP,
    "",
    "The API key comes from AGENTFRAMER_API_KEY; the API URL from --api-url, AGENTFRAMER_API_URL",
    `or ${DEFAULT_API_URL}. MANIFEST defaults to ./agentframer.yml.`,
    "An output edited since it was rendered (plan: modified) is not overwritten: the render refuses",
    "to start, naming it, unless --overwrite-modified or --force is given.",
    "Before any job it prices what it would submit (docs/credits.md): --max-credits refuses past a",
    "budget, or when a price is unknown; a balance (GET /credits) short of the estimate is refused",
    "too. The last line says what was spent and what restores saved.",
    "Exit codes: 0 done; 1 some assets failed (the others are recorded); 2 invalid manifest or",
    "usage; 3 stopped early (auth, credits, an unreachable API, --max-jobs, --max-credits, Ctrl-C).",
    "",
    "--emulator starts the built-in emulator in-process (no key, nothing leaves 127.0.0.1). The",
    "EMULATOR FLAGS below shape it, to rehearse a slow or flaky run: --duration 5s, --fail-rate 0.1",
    "(the same flags as `agentframer emulator`, but --port).",
  ].join("\n"),
  options: [
    {
      flag: "--emulator",
      description: "Render against an in-process emulator (no key, no network)",
    },
    ...EMULATOR_BEHAVIOUR_HELP.map((o) => ({ ...o, description: `--emulator: ${o.description}` })),
    {
      flag: "--concurrency N",
      description: `Jobs in flight at once (default ${DEFAULT_CONCURRENCY})`,
    },
    {
      flag: "--only PATTERN",
      description: "Only assets whose id matches (* wildcard; repeat or comma-separate for more)",
    },
    { flag: "--force", description: "Render selected assets again even if unchanged (new jobs)" },
    {
      flag: "--overwrite-modified",
      description: "Put the rendered bytes back over outputs edited since",
    },
    {
      flag: "--max-jobs N",
      description: "Refuse to start (exit 3) if more than N new jobs are needed",
    },
    {
      flag: "--max-credits N",
      description:
        "Refuse to start (exit 3) if the new jobs' estimated credits exceed N, or a price is unknown",
    },
    {
      flag: "--shard I/N",
      description: "Take only shard I of N (split by asset hash), for CI matrices",
    },
    { flag: "--json", description: "Print the result as one JSON document on stdout" },
    {
      flag: "--store SPEC",
      description: "The store: s3://BUCKET/PREFIX, git, git:BRANCH or none (default: see above)",
    },
    { flag: "--no-store", description: "Neither read nor write the store" },
    {
      flag: "--store-push",
      description: "Write this run's new renders to the store (git: pushes to origin)",
    },
    {
      flag: "--api-url URL",
      description: "API base URL (default $AGENTFRAMER_API_URL or the public API)",
    },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { config, json, storeFlags, emulatorOptions } = renderConfigFrom(args, ctx);
    if (!config.emulator && !config.apiKey) throw new CommandError(MISSING_KEY, ExitCode.Invalid);
    const [{ createReporter, wantsColor }, { render }, { storeForCli }] = await Promise.all([
      import("../../render/progress/progress.js"),
      import("../../render/render.js"),
      import("../store-flags.js"),
    ]);
    const stderr = ctx.io.stderr as Writable & { isTTY?: boolean };
    const isTTY = stderr.isTTY === true;
    const reporter = createReporter({
      stream: stderr,
      interactive: isTTY && !ctx.io.env.CI,
      color: wantsColor(ctx.io.env, isTTY),
      secrets: config.apiKey ? [config.apiKey] : [],
    });
    let store;
    try {
      store = await storeForCli(storeFlags, config.manifestPath, ctx.io.env, (message) =>
        reporter.emit({ kind: "warning", message }),
      );
    } catch (error) {
      reporter.close();
      if (!(error instanceof StoreSpecError)) throw error;
      throw new CommandError(error.message, ExitCode.Invalid);
    }
    const interrupt = new AbortController();
    const stopListening = listenForStopSignals(() => {
      stderr.write(
        "\nagentframer: stopping — jobs in flight stay recorded (Ctrl-C again to quit now)\n",
      );
      interrupt.abort();
    });
    let result: RenderResult;
    try {
      result = await render(config, {
        reporter,
        signal: interrupt.signal,
        ...(store ? { store: store.store, storeWrite: store.write } : {}),
        previews: previewTools(process.env),
        startEmulator: async (options) =>
          (await import("../../emulator/index.js")).startEmulator({
            ...options,
            ...emulatorOptions,
          }),
      });
    } finally {
      stopListening();
      reporter.close();
    }
    if (json) ctx.io.stdout.write(`${JSON.stringify(result)}\n`);
    return exitCodeFor(result);
  },
};

/** Flags and environment → the one typed config. Throws UsageError on a bad flag. */
function renderConfigFrom(
  args: string[],
  ctx: CommandContext,
): {
  config: RenderConfig;
  json: boolean;
  storeFlags: StoreFlags;
  emulatorOptions: EmulatorOptions;
} {
  const { values, positionals } = parseCommandArgs(renderCommand, args, OPTIONS, 1);
  const emulatorFlags = givenEmulatorFlags(values);
  if (emulatorFlags.length > 0 && values.emulator !== true) {
    throw new UsageError(
      `${emulatorFlags.join(", ")} shape${emulatorFlags.length === 1 ? "s" : ""} the emulator: add --emulator (a real API's jobs take the time they take)`,
      renderCommand,
    );
  }
  const emulatorOptions = emulatorOptionsFrom(values, renderCommand);
  const env = ctx.io.env;
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === "string") throw new UsageError(shard, renderCommand);
  const apiUrl = values["api-url"] ?? (env.AGENTFRAMER_API_URL || DEFAULT_API_URL);
  checkApiUrl(apiUrl, values["api-url"] !== undefined ? "--api-url" : "AGENTFRAMER_API_URL");
  const config: RenderConfig = {
    manifestPath: manifestPathFrom(positionals[0], ctx.io),
    apiUrl,
    apiKey: env.AGENTFRAMER_API_KEY || undefined,
    emulator: values.emulator === true,
    concurrency:
      values.concurrency === undefined
        ? DEFAULT_CONCURRENCY
        : integerFlag("--concurrency", values.concurrency, 1, MAX_CONCURRENCY),
    only: values.only,
    force: values.force === true,
    overwriteModified: values["overwrite-modified"] === true,
    maxJobs:
      values["max-jobs"] === undefined
        ? undefined
        : integerFlag("--max-jobs", values["max-jobs"], 0, Number.MAX_SAFE_INTEGER),
    shard,
  };
  if (values["max-credits"] !== undefined) {
    config.maxCredits = creditsFlag(values["max-credits"]);
  }
  if (values["no-store"] === true && (values.store !== undefined || values["store-push"] === true))
    throw new UsageError("--no-store cannot go with --store or --store-push", renderCommand);
  const storeFlags: StoreFlags = {
    store: values.store,
    noStore: values["no-store"] === true,
    storePush: values["store-push"] === true,
  };
  return { config, json: values.json === true, storeFlags, emulatorOptions };
}

/** `--max-credits N`: credits, fractions allowed ("12", "7.5"). */
function creditsFlag(text: string): number {
  const value = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text.trim()) || !Number.isFinite(value)) {
    throw new UsageError(
      `--max-credits takes a number of credits, 0 or more (e.g. 40 or 12.5), not "${text}"`,
      renderCommand,
    );
  }
  return value;
}

function integerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    const range = max >= Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} takes a whole number, ${range}, not "${text}"`, renderCommand);
  }
  return value;
}

/** The key travels to this URL: https only, plain http just for loopback (an emulator). */
function checkApiUrl(text: string, source: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${source} is not a URL: "${text}"`, renderCommand);
  }
  const plainOk = url.protocol === "http:" && isLoopbackHostname(url.hostname);
  if (url.protocol !== "https:" && !plainOk) {
    throw new UsageError(
      `${source} must be an https URL (plain http only on loopback, where the key cannot be overheard): "${url.origin}"`,
      renderCommand,
    );
  }
}
