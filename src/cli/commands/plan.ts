import { dirname, relative } from "node:path";
import { PLAN_STATUSES, needsRender } from "../../plan/types.js";
import type { Plan, PlanEntry, PlanStatus } from "../../plan/types.js";
import { manifestPathFrom, parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { Style } from "../style.js";

const OPTIONS = { json: { type: "boolean" } } as const;

/** One entry of `plan --json`. */
export interface PlanJsonAsset {
  id: string;
  status: PlanStatus;
  output: string;
  hash: string;
  /** For `changed`: the request fields that differ from the lock. */
  changed?: string[];
}

function planJson(plan: Plan): { assets: PlanJsonAsset[]; counts: Plan["counts"] } {
  const assets = plan.entries.map((e): PlanJsonAsset => {
    const out: PlanJsonAsset = { id: e.id, status: e.status, output: e.output, hash: e.hash };
    if (e.changedFields !== undefined) out.changed = e.changedFields;
    return out;
  });
  return { assets, counts: plan.counts };
}

const COLOUR_OF: Record<PlanStatus, keyof Style> = {
  new: "green",
  changed: "yellow",
  unchanged: "dim",
  missing: "red",
  modified: "red",
  orphaned: "cyan",
};
const STATUS_WIDTH = Math.max(...PLAN_STATUSES.map((s) => s.length));

/** Ids are padded to a column, but a few very long ones must not push every line right. */
const MAX_ID_WIDTH = 40;

/** Each status as printed (padded, coloured): six strings, not one per line. */
function statusTexts(style: Style): Record<PlanStatus, string> {
  const texts = {} as Record<PlanStatus, string>;
  for (const s of PLAN_STATUSES) texts[s] = style[COLOUR_OF[s]](s.padEnd(STATUS_WIDTH));
  return texts;
}

function planLine(e: PlanEntry, idWidth: number, statusText: Record<PlanStatus, string>): string {
  const fields = e.changedFields?.length ? `  (${e.changedFields.join(", ")})` : "";
  return `${statusText[e.status]}  ${e.id.padEnd(idWidth)}  ${e.output}${fields}\n`;
}

/**
 * Lines are written a chunk at a time: one string for 50,000 lines is a rope of hundreds of
 * thousands of pieces that lives (and is copied) until the single write.
 */
const WRITE_CHUNK = 64 * 1024;

function countLine(plan: Plan): string {
  const total = plan.entries.length - plan.counts.orphaned;
  const parts = PLAN_STATUSES.map((s) => `${plan.counts[s]} ${s}`).join(", ");
  const toRender = plan.entries.filter(needsRender).length;
  return `${total} asset${total === 1 ? "" : "s"}: ${parts}; ${toRender} to render\n`;
}

export const planCommand: Command = {
  name: "plan",
  summary: "Show what a render would do, per asset (offline; submits nothing)",
  usage: "plan [MANIFEST] [--json]",
  description: [
    "Compares every asset's request hash with agentframer.lock and every output file with the",
    "bytes the lock records. Statuses: new, changed (naming the fields: type, model, prompt,",
    "params), unchanged, missing (output file gone), modified (output bytes differ from the",
    "lock), orphaned (in the lock, not in the manifest). MANIFEST defaults to ./agentframer.yml.",
    "",
    "Writes nothing but .agentframer/stat-index.json, which spares re-reading unchanged outputs.",
  ].join("\n"),
  options: [
    {
      flag: "--json",
      description: "Print one JSON document on stdout; the summary goes to stderr",
    },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(planCommand, args, OPTIONS, 1);
    const [{ loadManifest }, { planManifest, startOutputProbe }, { lfsPointerNote }] =
      await Promise.all([
        import("../../manifest/load.js"),
        import("../../plan/plan-manifest.js"),
        import("../../plan/lfs-pointer.js"),
      ]);
    const manifestPath = manifestPathFrom(positionals[0], ctx.io);
    // The outputs the lock names are examined on a second thread while the manifest loads.
    const probe = startOutputProbe(dirname(manifestPath));
    const manifest = await loadManifest(manifestPath, { cwd: ctx.io.cwd });
    const { plan, index } = await planManifest(manifest, probe);
    try {
      await index.save();
    } catch (error) {
      // Only a cache: a read-only checkout must still be able to plan.
      const where = relative(ctx.io.cwd, manifest.dir) || ".";
      ctx.io.stderr.write(
        `agentframer: warning: could not update ${where}/.agentframer/stat-index.json: ${(error as Error).message}\n`,
      );
    }
    if (plan.lfsPointers) {
      ctx.io.stderr.write(`agentframer: warning: ${lfsPointerNote(plan.lfsPointers)}\n`);
    }
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify(planJson(plan))}\n`);
      ctx.io.stderr.write(countLine(plan));
    } else {
      let idWidth = 0;
      for (const e of plan.entries)
        idWidth = Math.max(idWidth, Math.min(e.id.length, MAX_ID_WIDTH));
      const statusText = statusTexts(ctx.outStyle);
      let text = "";
      for (const entry of plan.entries) {
        text += planLine(entry, idWidth, statusText);
        if (text.length >= WRITE_CHUNK) {
          ctx.io.stdout.write(text);
          text = "";
        }
      }
      ctx.io.stdout.write(text + ctx.outStyle.bold(countLine(plan).trimEnd()) + "\n");
    }
    return ExitCode.Ok;
  },
};
