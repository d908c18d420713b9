import { relative } from "node:path";
import { PLAN_STATUSES, needsRender } from "../../plan/types.js";
import { FFMPEG_ENV, findFfmpeg } from "../../derive/preview/ffmpeg-tool.js";
import type { Plan, PlanEntry, PlanStatus } from "../../plan/types.js";
import type { Asset } from "../../manifest/types.js";
import { unmatchedPatternsError } from "../../render/refusals.js";
import { selectEntries } from "../../render/select.js";
import { manifestPathFrom, parseCommandArgs, printWarnings } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { Style } from "../style.js";
import { inFlightNote } from "../../render/progress/format.js";
import type { CreditEstimate } from "../../plan/credits.js";
import { creditsText } from "../../plan/credits.js";
import type { FreeRenders } from "../plan-credits.js";

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
  /** For an asset a render would submit: its estimated credits, null when unknown; 0 when free. */
  credits?: number | null;
  /** Why an asset to render costs nothing: restorable from the local cache, or a job in flight. */
  free?: "cache" | "in-flight";
}

/** `plan --json`'s credits: the estimate of what it would render, null when a price is unknown. */
export interface PlanJsonCredits {
  estimate: number | null;
  unknownModels: string[];
  /** Assets to render that the local cache holds: restored, not paid for. */
  fromCache: number;
  /** Assets whose job an interrupted run left in flight: resumed, paid for already. */
  inFlight: number;
}

function freeReason(id: string, free: FreeRenders): PlanJsonAsset["free"] {
  if (free.inFlight.has(id)) return "in-flight";
  return free.fromCache.has(id) ? "cache" : undefined;
}

/** The request body an asset sends, when --show-requests asked for it. */
type ShowRequest = ((asset: Asset) => string) | undefined;

function planJson(
  plan: Plan,
  showRequest: ShowRequest,
  estimate: CreditEstimate,
  free: FreeRenders,
): { assets: PlanJsonAsset[]; counts: Plan["counts"]; credits: PlanJsonCredits } {
  const assets = plan.entries.map((e): PlanJsonAsset => {
    const out: PlanJsonAsset = { id: e.id, status: e.status, output: e.output, hash: e.hash };
    if (e.changedFields !== undefined) out.changed = e.changedFields;
    if (e.variants !== undefined) out.variants = e.variants;
    if (showRequest && e.asset) out.request = JSON.parse(showRequest(e.asset));
    const why = freeReason(e.id, free);
    const credits = estimate.perAsset.get(e.id);
    if (why !== undefined && needsRender(e)) {
      out.credits = 0;
      out.free = why;
    } else if (credits !== undefined && needsRender(e)) out.credits = credits;
    return out;
  });
  const credits = {
    estimate: estimate.total,
    unknownModels: estimate.unknownModels,
    fromCache: free.fromCache.size,
    inFlight: free.inFlight.size,
  };
  return { assets, counts: plan.counts, credits };
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
  cost: (e: PlanEntry) => string,
): string {
  const fields = e.changedFields?.length ? `  (${e.changedFields.join(", ")})` : "";
  const line = `${statusText[e.status]}  ${e.id.padEnd(idWidth)}  ${e.output}${fields}${variantsNote(e)}${cost(e)}\n`;
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
      `width ${v.notUpscaled.join(", ")} not made: above the ${e.asset?.type === "video" ? "video" : "image"}'s own (never upscaled)`,
    );
  }
  if (v.stale) parts.push(`${v.stale} stale variant${v.stale === 1 ? "" : "s"}: prune removes`);
  return parts.length > 0 ? `  (${parts.join("; ")})` : "";
}

/**
 * A video's variants come from its poster frame, through ffmpeg: when some are to be derived and
 * this machine has no ffmpeg, say so before a render leaves them waiting.
 */
function videosWaitingForFfmpeg(plan: Plan, env: NodeJS.ProcessEnv): string | undefined {
  const ids = plan.entries
    .filter(
      (e) =>
        e.asset?.type === "video" &&
        e.asset.variants !== undefined &&
        (e.variants?.reason !== undefined || needsRender(e)),
    )
    .map((e) => e.id);
  if (ids.length === 0) return undefined;
  const ffmpeg = findFfmpeg(env);
  if (ffmpeg.found) return undefined;
  const shown =
    ids.length > 3 ? `${ids.slice(0, 3).join(", ")} and ${ids.length - 3} more` : ids.join(", ");
  return (
    `the variants of ${shown} come from a poster frame, which needs ffmpeg, and ${ffmpeg.why}: ` +
    `a render writes the video but not its variants until ffmpeg is installed or ${FFMPEG_ENV} names it`
  );
}

/** Entries whose variants a render would derive (no job). */
function toDerive(plan: Plan): number {
  return plan.entries.filter((e) => e.variants?.reason !== undefined).length;
}

/**
 * A plan fits a screen by default: this many changes, then one line for the rest. `--all` and
 * `--json` list every asset.
 */
const SCREEN_LINES = 20;

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

/** "… and 1980 more": what the screen-sized listing left out, and how to see it. */
function moreLine(hidden: number): string {
  return `… and ${hidden} more: agentframer plan --all lists every asset\n`;
}

/**
 * What a render would give without a new job: the jobs in flight, and the assets to render whose
 * result the local cache holds (read-only: plan writes nothing there).
 */
async function freeRenders(
  manifestDir: string,
  plan: Plan,
  inFlight: readonly string[],
): Promise<FreeRenders> {
  const inFlightIds = new Set(inFlight);
  const toRender = plan.entries.filter((e) => needsRender(e) && !inFlightIds.has(e.id));
  const fromCache = new Set<string>();
  if (toRender.length > 0) {
    const [{ cachedEntryProbe }, { cacheDirFor }] = await Promise.all([
      import("../../state/local-cache.js"),
      import("../../state/paths.js"),
    ]);
    const isCached = cachedEntryProbe(cacheDirFor(manifestDir));
    for (const e of toRender) if (isCached(e.hash, e.output)) fromCache.add(e.id);
  }
  return { fromCache, inFlight: inFlightIds };
}

/**
 * Jobs an interrupted run left in flight for assets this plan would render, by id: the journal's
 * records whose request is still the asset's (a record for an older request is not resumed).
 */
async function jobsInFlight(manifestPath: string, plan: Plan): Promise<string[]> {
  const { openJournal, isInFlight } = await import("../../state/journal.js");
  const journal = openJournal(manifestPath);
  try {
    const wanted = new Map(plan.entries.filter(needsRender).map((e) => [e.id, e.hash]));
    return (await journal.readAll())
      .filter((r) => isInFlight(r) && wanted.get(r.id) === r.hash)
      .map((r) => r.id);
  } finally {
    await journal.close();
  }
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
    `Lists what a render would change (the first ${SCREEN_LINES}, then how many more), and a count`,
    "line; --all lists every asset, unchanged ones too. After an interrupted run it names the jobs",
    "still in flight, which the next render resumes without paying for them again.",
    "Each asset to render shows its estimated credits, and a last line the total: prices from the",
    "manifest's pricing:, else the API's GET /models when AGENTFRAMER_API_KEY is set (one read,",
    "nothing spent, kept in .agentframer/ for later offline plans); a model with no price is",
    "unknown, never 0. Assets the cache or the store already hold cost nothing when rendered.",
    "--check exits 1 when a render would do anything (for CI: is the lock up to date?), else 0.",
    "",
    "Writes nothing but .agentframer/stat-index.json, which spares re-reading unchanged outputs.",
  ].join("\n"),
  options: [
    {
      flag: "--all",
      description: `List every asset, unchanged ones too (default: the first ${SCREEN_LINES} changes)`,
    },
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
    const [{ loadManifest }, { planManifestToShow, startOutputProbe }, { lfsPointerNote }] =
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
    // Shown, not rendered: the lock is read as a plan reads it (unchanged entries as their bytes).
    const planned = await planManifestToShow(manifest, probe);
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
    const waiting = videosWaitingForFfmpeg(plan, ctx.io.env);
    if (waiting) ctx.io.stderr.write(`agentframer: warning: ${waiting}\n`);
    const { planCredits, creditLine } = await import("../plan-credits.js");
    const inFlight = await jobsInFlight(manifest.path, plan);
    const inFlightText = inFlight.length > 0 ? `${inFlightNote(inFlight, false)}\n` : "";
    const free = await freeRenders(manifest.dir, plan, inFlight);
    const estimate = await planCredits(
      manifest,
      plan,
      ctx.io.env,
      (message) => ctx.io.stderr.write(`agentframer: warning: ${message}\n`),
      free,
    );
    const toRender = plan.entries.filter(needsRender).length;
    const credits = creditLine(estimate, toRender, Boolean(ctx.io.env.AGENTFRAMER_API_KEY), free);
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify(planJson(plan, showRequest, estimate, free))}\n`);
      ctx.io.stderr.write(
        inFlightText + countLine(plan) + (credits === undefined ? "" : `${credits}\n`),
      );
    } else {
      const changes =
        values.all === true
          ? plan.entries
          : plan.entries.filter((e) => e.status !== "unchanged" || e.variants !== undefined);
      const listed = values.all === true ? changes : changes.slice(0, SCREEN_LINES);
      let idWidth = 0;
      for (const e of listed) idWidth = Math.max(idWidth, Math.min(e.id.length, MAX_ID_WIDTH));
      const statusText = statusTexts(ctx.outStyle);
      // Costs per line once any price is known; with none, the last line says why.
      const anyKnown = [...estimate.perAsset.values()].some((c) => c !== null);
      const cost = (e: PlanEntry): string => {
        const why = needsRender(e) ? freeReason(e.id, free) : undefined;
        if (why === "cache") return "  restorable from the local cache (no job)";
        if (why === "in-flight") return "  job in flight (resumed, paid for already)";
        const credits = estimate.perAsset.get(e.id);
        if (!anyKnown || credits === undefined || !needsRender(e)) return "";
        return `  ${credits === null ? "credits unknown" : creditsText(credits)}`;
      };
      let text = "";
      for (const entry of listed) {
        text += planLine(entry, idWidth, statusText, showRequest, cost);
        if (text.length >= WRITE_CHUNK) {
          ctx.io.stdout.write(text);
          text = "";
        }
      }
      if (listed.length < changes.length) text += moreLine(changes.length - listed.length);
      if (inFlightText) text += `${ctx.outStyle.yellow(inFlightText.trimEnd())}\n`;
      const last = credits === undefined ? "" : `${ctx.outStyle.bold(credits)}\n`;
      ctx.io.stdout.write(text + ctx.outStyle.bold(countLine(plan).trimEnd()) + "\n" + last);
    }
    const outOfDate = plan.entries.some(needsRender) || toDerive(plan) > 0;
    return values.check === true && outOfDate ? ExitCode.AssetsFailed : ExitCode.Ok;
  },
};
