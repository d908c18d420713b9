import { relative } from "node:path";
import type { PullItem, PullOutcome } from "../../store/pull.js";
import { UsageError, manifestPathFrom, parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { STORE_RULE, STORE_RULE_HELP } from "../store-rule.js";

const OPTIONS = {
  store: { type: "string" },
  concurrency: { type: "string" },
  json: { type: "boolean" },
} as const;

const DEFAULT_PULL_CONCURRENCY = 16;
const MAX_PULL_CONCURRENCY = 64;

/** Progress lines: one per tenth of the way, so 50,000 outputs print ten lines, not 50,000. */
function progressLine(done: number, total: number): string | undefined {
  const step = Math.max(1, Math.ceil(total / 10));
  return done % step === 0 || done === total ? `pull: ${done}/${total}\n` : undefined;
}

export const pullCommand: Command = {
  name: "pull",
  summary: "Put in place, from the store, the outputs the lock records but the work tree lacks",
  usage: "pull [MANIFEST] [--store SPEC] [--concurrency N] [--json]",
  description: [
    "For outputs that live in the store only (`outputs: store` in the manifest) or that went",
    "missing: fetches each output the lock records and the work tree lacks from the store, checks",
    "its size, SHA-256 and format against the store's record and against the lock, and renames it",
    "into place. Submits nothing. Outputs whose bytes differ from the lock (edited by hand) are",
    "left alone. SPEC is s3://BUCKET/PREFIX (credentials from AWS_ACCESS_KEY_ID,",
    "AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL_S3), git or git:BRANCH.",
    "Exit 1 when some outputs could not be pulled (the others are in place).",
    "",
    ...STORE_RULE_HELP,
  ].join("\n"),
  options: [
    {
      flag: "--store SPEC",
      description: "The store: s3://BUCKET/PREFIX, git or git:BRANCH (default: see above)",
    },
    {
      flag: "--concurrency N",
      description: `Fetches at once, 1 to ${MAX_PULL_CONCURRENCY} (default ${DEFAULT_PULL_CONCURRENCY})`,
    },
    { flag: "--json", description: "Print {pulled: [{id, output, status, error?}]} on stdout" },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(pullCommand, args, OPTIONS, 1);
    const manifestPath = manifestPathFrom(positionals[0], ctx.io);
    const concurrencyText = values.concurrency ?? String(DEFAULT_PULL_CONCURRENCY);
    const concurrency = Number(concurrencyText);
    if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > MAX_PULL_CONCURRENCY) {
      throw new UsageError(
        `--concurrency takes a whole number from 1 to ${MAX_PULL_CONCURRENCY}, not "${concurrencyText}"`,
        pullCommand,
      );
    }
    const [{ chooseStore, openChosenStore }, { StoreSpecError }, { loadManifest }] =
      await Promise.all([
        import("../store-flags.js"),
        import("../../store/spec.js"),
        import("../../manifest/load.js"),
      ]);
    let chosen;
    try {
      chosen = await chooseStore(values.store, manifestPath, ctx.io.env);
    } catch (error) {
      if (error instanceof StoreSpecError) throw new UsageError(error.message, pullCommand);
      throw error;
    }
    if (chosen === undefined) {
      throw new UsageError(`pull needs a store, and none is named: ${STORE_RULE}`, pullCommand);
    }
    const manifest = await loadManifest(manifestPath, { cwd: ctx.io.cwd });
    const [{ planManifest }, { pullFromStore }] = await Promise.all([
      import("../../plan/plan-manifest.js"),
      import("../../store/pull.js"),
    ]);
    const { plan } = await planManifest(manifest);
    const warn = (message: string) => ctx.io.stderr.write(`agentframer: warning: ${message}\n`);
    const items: PullItem[] = [];
    const misplaced: PullOutcome[] = [];
    for (const e of plan.entries) {
      if ((e.status === "stored" || e.status === "missing") && e.lock) {
        // The manifest says where an output goes; a lock (a file anyone may commit) only
        // vouches for the bytes. An entry that names another path is not this output's.
        if (e.lock.output !== e.output) {
          misplaced.push({
            id: e.id,
            output: e.output,
            status: "failed",
            error: `the lock records the output ${JSON.stringify(e.lock.output)}, the manifest ${e.output}; ignored (agentframer render brings the lock up to date)`,
          });
        } else items.push({ id: e.id, output: e.output, entry: e.lock });
      } else if (e.status === "modified") {
        warn(`${e.id}: ${e.output} differs from the lock; left as it is`);
      }
    }
    for (const m of misplaced) if (m.status === "failed") warn(`${m.id}: ${m.error}`);
    const store = await openChosenStore(chosen, manifest.path, ctx.io.env, warn);
    if (store === undefined) {
      throw new UsageError(
        `pull needs a store, and ${chosen.source} says none: nothing to pull`,
        pullCommand,
      );
    }
    const where = relative(ctx.io.cwd, manifest.dir) || ".";
    ctx.io.stderr.write(
      `pull: ${items.length} output(s) to fetch from ${store.label} into ${where}\n`,
    );
    const [{ withRunLock }, { sweepStaleTemps }, { lockfilePathFor }] = await Promise.all([
      import("../../state/run-lock.js"),
      import("../../state/sweep.js"),
      import("../../state/paths.js"),
    ]);
    // One writer of the outputs at a time; and what a killed pull or render left half-written
    // beside them goes first (its temp names are the tool's own, see sweepStaleTemps).
    const pulled = await withRunLock(manifest.dir, async () => {
      const assets = plan.entries.filter((e) => e.status !== "orphaned");
      await sweepStaleTemps(manifest.dir, lockfilePathFor(manifest.path), assets, []);
      return pullFromStore(items, {
        store,
        manifestDir: manifest.dir,
        concurrency,
        onProgress: (done, total, outcome) => {
          if (outcome.status === "failed") {
            ctx.io.stderr.write(`agentframer: ${outcome.id}: ${outcome.error}\n`);
          }
          const line = progressLine(done, total);
          if (line) ctx.io.stderr.write(line);
        },
      });
    });
    const outcomes: PullOutcome[] = [...misplaced, ...pulled].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    if (manifest.outputs === "store") {
      const [{ foldersNotIgnored }, { gitIn }] = await Promise.all([
        import("../../state/ignored-outputs.js"),
        import("../../git/runner.js"),
      ]);
      const tracked = await foldersNotIgnored(
        manifest.assets.map((a) => a.output),
        gitIn(manifest.dir, ctx.io.env),
      );
      if (tracked.length > 0) {
        warn(
          `outputs: store, but git does not ignore ${tracked.join(", ")}: add to ${where}/.gitignore:\n` +
            tracked.map((folder) => `  ${folder}\n`).join(""),
        );
      }
    }
    const failures = outcomes.filter((o) => o.status === "failed").length;
    const human = values.json ? ctx.io.stderr : ctx.io.stdout;
    human.write(
      `${outcomes.length - failures} output(s) pulled${failures > 0 ? `, ${failures} failed` : ""}\n`,
    );
    if (values.json) ctx.io.stdout.write(`${JSON.stringify({ pulled: outcomes })}\n`);
    return failures > 0 ? ExitCode.AssetsFailed : ExitCode.Ok;
  },
};
