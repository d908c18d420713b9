import { relative, resolve } from "node:path";
import { lockfilePathFor } from "../../state/paths.js";
import { UsageError, manifestPathFrom, parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { STORE_RULE, STORE_RULE_HELP } from "../store-rule.js";

const OPTIONS = {
  manifest: { type: "string" },
  store: { type: "string" },
  json: { type: "boolean" },
} as const;

/** Ids listed in full before "and N more". */
const LIST_LIMIT = 20;

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, LIST_LIMIT).join(", ");
  return ids.length > LIST_LIMIT ? `${shown} and ${ids.length - LIST_LIMIT} more` : shown;
}

export const lockCommand: Command = {
  name: "lock",
  summary: "Merge the locks of a matrix's shards into the manifest's lock (lock merge LOCK...)",
  usage: "lock merge LOCK... [--manifest MANIFEST] [--store SPEC] [--json]",
  description: [
    "The fan-in of a matrix: every shard rendered a slice (--shard I/N) and uploaded its lock.",
    "For each asset of the manifest, takes the entry that matches the asset's current request from",
    "whichever LOCK holds it, checks that the output on disk (or, with `outputs: store`, the",
    "store's entry) holds exactly those bytes, and writes the manifest's lock atomically.",
    "",
    "Two LOCKs with different results for one asset, or bytes that do not match, are errors that",
    "name the locks: nothing is written (exit 2). Assets no LOCK rendered (a shard that failed) are",
    "listed, and what the others rendered is written (exit 1); re-run that shard, then merge again.",
    "",
    ...STORE_RULE_HELP,
  ].join("\n"),
  options: [
    { flag: "--manifest MANIFEST", description: "The manifest (default ./agentframer.yml)" },
    {
      flag: "--store SPEC",
      description: "With outputs: store, the store that holds them (default: see above)",
    },
    { flag: "--json", description: "Print {merged, unrendered, problems} on stdout" },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(lockCommand, args, OPTIONS, Infinity);
    const [sub, ...locks] = positionals;
    if (sub !== "merge") {
      throw new UsageError(
        sub === undefined ? "missing subcommand: merge" : `unknown subcommand "${sub}"`,
        lockCommand,
      );
    }
    if (locks.length === 0) throw new UsageError("lock merge needs at least one LOCK", lockCommand);
    const [{ loadManifest }, { mergeShardLocks, heldInStore }] = await Promise.all([
      import("../../manifest/load.js"),
      import("../../render/merge-shard-locks.js"),
    ]);
    const manifest = await loadManifest(manifestPathFrom(values.manifest, ctx.io), {
      cwd: ctx.io.cwd,
    });
    const shards = locks.map((name) => ({ name, path: resolve(ctx.io.cwd, name) }));
    let check;
    if (manifest.outputs === "store") {
      const [{ chooseStore, openChosenStore }, { StoreSpecError }] = await Promise.all([
        import("../store-flags.js"),
        import("../../store/spec.js"),
      ]);
      let chosen;
      try {
        chosen = await chooseStore(values.store, manifest.path, ctx.io.env);
      } catch (error) {
        if (error instanceof StoreSpecError) throw new UsageError(error.message, lockCommand);
        throw error;
      }
      const store =
        chosen &&
        (await openChosenStore(chosen, manifest.path, ctx.io.env, (m) =>
          ctx.io.stderr.write(`agentframer: warning: ${m}\n`),
        ));
      if (!store) {
        throw new UsageError(
          `the manifest keeps outputs in the store (outputs: store), and ${chosen ? `${chosen.source} says none` : "none is named"}: ` +
            `merging needs the store that holds them (${STORE_RULE})`,
          lockCommand,
        );
      }
      check = heldInStore(store);
    }
    const report = await mergeShardLocks(manifest, shards, check);

    const human = values.json ? ctx.io.stderr : ctx.io.stdout;
    const red = ctx.errStyle.red;
    for (const problem of report.problems) ctx.io.stderr.write(`agentframer: ${red(problem)}\n`);
    if (report.problems.length > 0) {
      ctx.io.stderr.write("Nothing was written.\n");
    } else {
      const n = report.taken.length;
      // The lock a fan-in job must commit, by the name the user would type.
      const written = relative(ctx.io.cwd, lockfilePathFor(manifest.path)) || manifest.path;
      human.write(
        report.written
          ? `merged ${n} entr${n === 1 ? "y" : "ies"} from ${locks.length} lock${locks.length === 1 ? "" : "s"} into ${written}\n`
          : `${written} already holds every entry; nothing to write\n`,
      );
      if (report.unrendered.length > 0) {
        ctx.io.stderr.write(
          `agentframer: ${report.unrendered.length} asset(s) rendered by no shard: ${listed(report.unrendered)}. ` +
            "Re-run the shard that failed (or render them here), then merge again.\n",
        );
      }
    }
    if (values.json) {
      ctx.io.stdout.write(
        `${JSON.stringify({
          merged: report.taken.map((t) => ({ id: t.id, lock: t.lock, output: t.entry.output })),
          unrendered: report.unrendered,
          problems: report.problems,
          written: report.written,
        })}\n`,
      );
    }
    if (report.problems.length > 0) return ExitCode.Invalid;
    return report.unrendered.length > 0 ? ExitCode.AssetsFailed : ExitCode.Ok;
  },
};
