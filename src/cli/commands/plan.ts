import { relative } from "node:path";
import { PLAN_STATUSES, needsRender } from "../../plan/types.js";
import type { Plan, PlanEntry, PlanStatus } from "../../plan/types.js";
import type { Asset } from "../../manifest/types.js";
import { unmatchedPatternsError } from "../../render/refusals.js";
import { selectEntries } from "../../render/select.js";
import { manifestPathFrom, parseCommandArgs, printWarnings } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { Style } from "../style.js";

const OPTIONS = {
  json: { type: "boolean" },
  all: { type: "boolean" },
  check: { type: "boolean" },
  only: { type: "string", multiple: true },
  "show-requests": { type: "boolean" },
} as const;

/** One entry of `plan --json`. */
export interface PlanJsonAsset {
  id: string;
  status: PlanStatus;
  output: string;
  hash: string;
  /** For `changed`: the request fields that differ from the lock. */
  changed?: string[];
  /** With --show-requests: the POST /generations body, exactly as a render sends it. */
  request?: unknown;
  /** Web variants: why they would be derived (no job), widths not made, stale files. */
  variants?: PlanEntry["variants"];
}

/** The request body an asset sends, when --show-requests asked for it. */
type ShowRequest = ((asset: Asset) => string) | undefined;

function planJson(
  plan: Plan,
  showRequest: ShowRequest,
): { assets: PlanJsonAsset[]; counts: Plan["counts"] } {
  const assets = plan.entries.map((e): PlanJsonAsset => {
    const out: PlanJsonAsset = { id: e.id, status: e.status, output: e.output, hash: e.hash };
    if (e.changedFields !== undefined) out.changed = e.changedFields;
    if (e.variants !== undefined) out.variants = e.variants;
    if (showRequest && e.asset) out.request = JSON.parse(showRequest(e.asset));
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
  stored: "dim",
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

function planLine(
  e: PlanEntry,
  idWidth: number,
  statusText: Record<PlanStatus, string>,
  showRequest: ShowRequest,
): string {
  const fields = e.changedFields?.length ? `  (${e.changedFields.join(", ")})` : "";
  const line = `${statusText[e.status]}  ${e.id.padEnd(idWidth)}  ${e.output}${fields}${variantsNote(e)}\n`;
  return showRequest && e.asset ? `${line}    ${showRequest(e.asset)}\n` : line;
}

/** `  (variants changed; 2048 not made: above the image's width; 2 stale variants for prune)`. */
function variantsNote(e: PlanEntry): string {
  const v = e.variants;
  if (v === undefined) return "";
  const parts: string[] = [];
  if (v.reason !== undefined) {
    parts.push(v.modified ? `${v.reason}: ${v.modified.join(", ")}` : v.reason);
  }
  if (v.notUpscaled) {
    parts.push(
      `width ${v.notUpscaled.join(", ")} not made: above the image's own (never upscaled)`,
    );
  }
  if (v.stale) parts.push(`${v.stale} stale variant${v.stale === 1 ? "" : "s"}: prune removes`);
  return parts.length > 0 ? `  (${parts.join("; ")})` : "";
}

/** Entries whose variants a render would derive (no job). */
function toDerive(plan: Plan): number {
  return plan.entries.filter((e) => e.variants?.reason !== undefined).length;
}

/**
 * Lines are written a chunk at a time: one string for 50,000 lines is a rope of hundreds of
 * thousands of pieces that lives (and is copied) until the single write.
 */
const WRITE_CHUNK = 64 * 1024;

function countLine(plan: Plan): string {
  const total = plan.entries.length - plan.counts.orphaned;
  // `stored` only appears with outputs in the store; elsewhere it would always say 0.
  const parts = PLAN_STATUSES.filter((s) => s !== "stored" || plan.counts.stored > 0)
    .map((s) => `${plan.counts[s]} ${s}`)
    .join(", ");
  const toRender = plan.entries.filter(needsRender).length;
  const derive = toDerive(plan);
  const variants = derive > 0 ? `; variants to derive for ${derive} (no job)` : "";
  return `${total} asset${total === 1 ? "" : "s"}: ${parts}; ${toRender} to render${variants}\n`;
}

/** The plan narrowed to `--only`, counts included; orphaned entries only without `--only`. */
function selectedPlan(plan: Plan, only: readonly string[] | undefined, ids: string[]): Plan {
  if (only === undefined) return plan;
  const selection = selectEntries(plan, { only, shard: undefined, force: false });
  if (selection.unmatched.length > 0) throw unmatchedPatternsError(selection.unmatched, ids);
  const chosen = new Set([...selection.toRender, ...selection.unchanged].map((e) => e.id));
  const entries = plan.entries.filter((e) => chosen.has(e.id));
  const counts = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Plan["counts"];
  for (const e of entries) counts[e.status] += 1;
  return { entries, counts };
}

export const planCommand: Command = {
  name: "plan",
  summary: "Show what a render would do, per asset (offline; submits nothing)",
  usage: "plan [MANIFEST] [--all] [--only PATTERN]... [--check] [--show-requests] [--json]",
  description: [
    "Compares every asset's request hash with the manifest's lock (media.yml → media.lock) and",
    "every output file with the bytes the lock records. Statuses: new, changed (naming the",
    "fields: type, model, prompt, params), unchanged, missing (output file gone), modified",
    "(output bytes differ from the lock), orphaned (in the lock, not in the manifest), stored",
    "(with `outputs: store`: absent here, in the store; `agentframer pull` brings it).",
    "MANIFEST defaults to ./agentframer.yml.",
    "",
    "Lists what a render would change, then a count line; --all lists unchanged assets too.",
    "--check exits 1 when a render would do anything (for CI: is the lock up to date?), else 0.",
    "",
    "Writes nothing but .agentframer/stat-index.json, which spares re-reading unchanged outputs.",
  ].join("\n"),
  options: [
    { flag: "--all", description: "List every asset, unchanged ones too" },
    {
      flag: "--only PATTERN",
      description: "Only assets whose id matches (* wildcard; repeat or comma-separate for more)",
    },
    { flag: "--check", description: "Exit 1 if a render would do anything, 0 if up to date" },
    {
      flag: "--show-requests",
      description: "Under each asset, the request body a render sends (after interpolation)",
    },
    {
      flag: "--json",
      description: "Print one JSON document (every asset) on stdout; the summary goes to stderr",
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
    const probe = startOutputProbe(manifestPath);
    const manifest = await loadManifest(manifestPath, { cwd: ctx.io.cwd });
    printWarnings(manifest, ctx);
    const ids = manifest.assets.map((a) => a.id);
    const planned = await planManifest(manifest, probe);
    const { index, adoptedFrom } = planned;
    const plan = selectedPlan(planned.plan, values.only, ids);
    const showRequest: ShowRequest =
      values["show-requests"] === true
        ? (await import("../../plan/hash.js")).requestBodyJson
        : undefined;
    if (adoptedFrom !== undefined) {
      const { adoptionNote } = await import("../../state/manifest-lock.js");
      ctx.io.stderr.write(`agentframer: ${adoptionNote(manifest.path, adoptedFrom)}\n`);
    }
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
      ctx.io.stdout.write(`${JSON.stringify(planJson(plan, showRequest))}\n`);
      ctx.io.stderr.write(countLine(plan));
    } else {
      const listed =
        values.all === true
          ? plan.entries
          : plan.entries.filter((e) => e.status !== "unchanged" || e.variants !== undefined);
      let idWidth = 0;
      for (const e of listed) idWidth = Math.max(idWidth, Math.min(e.id.length, MAX_ID_WIDTH));
      const statusText = statusTexts(ctx.outStyle);
      let text = "";
      for (const entry of listed) {
        text += planLine(entry, idWidth, statusText, showRequest);
        if (text.length >= WRITE_CHUNK) {
          ctx.io.stdout.write(text);
          text = "";
        }
      }
      ctx.io.stdout.write(text + ctx.outStyle.bold(countLine(plan).trimEnd()) + "\n");
    }
    const outOfDate = plan.entries.some(needsRender) || toDerive(plan) > 0;
    return values.check === true && outOfDate ? ExitCode.AssetsFailed : ExitCode.Ok;
  },
};
