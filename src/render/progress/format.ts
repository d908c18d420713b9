import { creditsText, formatCredits } from "../../plan/credits.js";
import type { AssetResult, CreditOutcome, RenderResult } from "../result.js";
import type { ProgressEvent } from "./events.js";

/** Text shared by the live and the line view. */
export interface Styler {
  ok(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function styler(color: boolean): Styler {
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** One line for an asset's outcome, shared by both views. */
export function describeOutcome(result: AssetResult, style: Styler): string {
  switch (result.status) {
    case "rendered":
      return `${style.ok("rendered")} ${result.id} → ${result.output}${result.durationMs === undefined ? "" : ` (${formatSeconds(result.durationMs)})`}`;
    case "restored":
      return `${style.ok("restored")} ${result.id} → ${result.output} (from cache)`;
    case "failed":
      return `${style.bad("failed")} ${result.id}: ${result.error ?? "unknown error"}`;
    case "skipped":
      return `${style.dim("skipped")} ${result.id}${result.error ? `: ${result.error}` : ""}`;
    case "unchanged":
      return `${style.dim("unchanged")} ${result.id}`;
  }
}

/**
 * The closing summary: counts, time, and each failure with its reason. `reasonShown`: the view
 * already printed why the run stopped (the line view's "stopping:" line), so it is not repeated.
 */
export function formatSummary(
  result: RenderResult,
  elapsedMs: number,
  style: Styler,
  reasonShown = false,
): string {
  const c = result.counts;
  const parts = [
    `${c.rendered} rendered`,
    `${c.restored} restored`,
    `${c.unchanged} unchanged`,
    ...(c.failed > 0 ? [style.bad(`${c.failed} failed`)] : []),
    ...(c.skipped > 0 ? [`${c.skipped} skipped`] : []),
  ];
  // A run that stopped early says so first: "Done" above it would read as success.
  const counted = `${parts.join(", ")} in ${formatSeconds(elapsedMs)}`;
  const lines =
    result.stopped === undefined
      ? [`${style.bold("Done:")} ${counted}`]
      : reasonShown
        ? [`${style.bad("Stopped early")} (why is above); before it stopped: ${counted}`]
        : [
            style.bad(`Stopped early: ${result.stopped}`),
            `${style.bold("Before it stopped:")} ${counted}`,
          ];
  if (result.variants) {
    const v = result.variants;
    const failed =
      (v.failed > 0 ? `, ${style.bad(`${v.failed} failed`)}` : "") +
      (v.waiting ? `, ${v.waiting} waiting for ffmpeg (see above)` : "");
    lines.push(
      `Variants: ${v.files} file${v.files === 1 ? "" : "s"} derived for ${v.assets} asset${v.assets === 1 ? "" : "s"} (no job)${failed}`,
    );
  }
  const failures = result.assets.filter((a) => a.status === "failed");
  if (failures.length > 0) {
    lines.push(style.bad(`Failed (${failures.length}):`));
    for (const f of failures) lines.push(`  ${f.id} (${f.output}): ${f.error ?? "unknown error"}`);
  }
  const credits = result.credits ? creditsLine(result.credits, result.counts) : undefined;
  if (credits !== undefined) lines.push(credits);
  return `${lines.join("\n")}\n`;
}

/**
 * What the run spent, and what restores saved: "Credits: 12 spent (estimate 12); 3 restored from
 * the store: 12 credits not spent". Nothing for a run that had nothing to produce.
 */
export function creditsLine(
  credits: CreditOutcome,
  counts: RenderResult["counts"],
): string | undefined {
  const worked = counts.rendered + counts.failed + credits.restored > 0;
  if (!worked && credits.estimate === 0) return undefined;
  const estimate =
    credits.estimate === null ? "estimate unknown" : `estimate ${formatCredits(credits.estimate)}`;
  let spent: string;
  if (credits.spent === null) {
    const why =
      credits.unknownModels.length > 0 ? `: no price for ${credits.unknownModels.join(", ")}` : "";
    spent = `unknown${why}`;
  } else if (credits.spentIsEstimate) {
    spent = `${formatCredits(credits.spent)} spent, estimated (the server did not say what every job cost); ${estimate}`;
  } else {
    spent = `${formatCredits(credits.spent)} spent (${estimate})`;
  }
  const saved = savedText(credits);
  return `Credits: ${spent}${saved === undefined ? "" : `; ${saved}`}`;
}

/**
 * "12 restored from the store: 48 credits not spent", or undefined when nothing was restored.
 * The render's last line and the PR comment's cost line both say it.
 */
export function savedText(credits: CreditOutcome): string | undefined {
  if (credits.restored === 0) return undefined;
  const where =
    credits.restoredFromStore === credits.restored
      ? "the store"
      : credits.restoredFromStore === 0
        ? "the cache"
        : "the cache and the store";
  const saved =
    credits.notSpent === null
      ? "what they would have cost is unknown"
      : `${creditsText(credits.notSpent)} not spent`;
  return `${credits.restored} restored from ${where}: ${saved}`;
}

/** Ids named in a note before "and N more": enough to recognise, short enough for one line. */
const NAMED_IDS = 3;

/** "a, b, c and 13 more". */
export function namedIds(ids: readonly string[], max = NAMED_IDS): string {
  const shown = ids.slice(0, max).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

/**
 * The jobs an interrupted run left in flight, as `plan` and a render's first line name them: the
 * next render polls them instead of submitting again, so they are not paid for twice.
 */
export function inFlightNote(ids: readonly string[], resumingNow: boolean): string {
  const n = ids.length;
  const jobs = `${n} job${n === 1 ? "" : "s"}`;
  return resumingNow
    ? `resuming ${jobs} an interrupted run left in flight, without paying again: ${namedIds(ids)}`
    : `${jobs} an interrupted run left in flight (${namedIds(ids)}) ${n === 1 ? "resumes" : "resume"} on the next render, without paying again`;
}

/** The first line of a render, the same in the live view and in line-per-change output. */
export function formatStart(event: Extract<ProgressEvent, { kind: "start" }>): string {
  const { total, unchanged, excluded, excludedBy, resuming = [] } = event;
  // "skipped", as the summary counts them: one word for the same assets at both ends of the log.
  const skipped =
    excluded > 0 ? `, ${excluded} skipped${excludedBy ? ` by ${excludedBy}` : ""}` : "";
  const resume = resuming.length > 0 ? `; ${inFlightNote(resuming, true)}` : "";
  return `Rendering ${total} asset${total === 1 ? "" : "s"} (${unchanged} unchanged${skipped})${resume}\n`;
}
