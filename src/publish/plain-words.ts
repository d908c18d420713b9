/**
 * What the comment and the job summary say in words a reviewer reads without knowing the tool:
 * the counts as one sentence that cannot be misread ("2 renders, all reused from an earlier run,
 * 0 new jobs", never "0 rendered · 2 restored"), each status in plain words, and the one thing to
 * do next. Pure functions of the Report; the trusted text they return is ours, and anything from
 * outside (ids, paths) is escaped.
 */
import { creditsText } from "../plan/credits.js";
import { escapeInline, safeUrl } from "./markdown-escape.js";
import type { Report, ReportRow } from "./report.js";

/**
 * The one word and phrase for a render this run did not pay for again (restored from the local
 * cache or the store): the header and every row say it alike, so a reader never wonders whether
 * "restored" and "reused" are two things.
 */
export const REUSED = "reused from an earlier run";

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The header's counts: what changed, how many jobs that took, then what did not change. */
export function headline(report: Report): string {
  const n = (label: string): number => report.counts.find(([l]) => l === label)?.[1] ?? 0;
  if (report.planOnly) {
    const toRender = ["new", "changed", "missing", "modified"].filter((s) => n(s) > 0);
    const total = toRender.reduce((sum, s) => sum + n(s), 0);
    const parts = [
      total > 0
        ? `**${total} to render** (${toRender.map((s) => `${n(s)} ${s}`).join(", ")})`
        : "**Nothing to render**",
      ...(n("unchanged") > 0 ? [`${n("unchanged")} unchanged`] : []),
      ...(n("stored") > 0 ? [`${n("stored")} in the store only`] : []),
      ...(n("orphaned") > 0 ? [`${n("orphaned")} no longer in the manifest`] : []),
    ];
    return parts.join(" · ");
  }
  const rendered = n("rendered");
  const reused = n("restored");
  const renders = rendered + reused;
  // With credits known, the cost line says the renders and what they cost in one (cost.ts).
  const what = report.cost
    ? report.cost + (reused > 0 ? ` · ${reused} ${REUSED}: ${notSpentText(report.notSpent)}` : "")
    : renders === 0
      ? "**No new renders**"
      : reused === 0
        ? `**${plural(rendered, "new render")}** (${plural(rendered, "job")})`
        : rendered === 0
          ? `**${plural(reused, "render")}**, all ${REUSED}, 0 new jobs`
          : `**${plural(renders, "render")}**: ${rendered} new (${plural(rendered, "job")}), ${reused} ${REUSED} (no job)`;
  return [
    what,
    ...(n("failed") > 0 ? [`❌ **${n("failed")} failed**`] : []),
    ...(n("unchanged") > 0 ? [`${n("unchanged")} unchanged`] : []),
    ...(n("skipped") > 0 ? [`${n("skipped")} skipped`] : []),
  ].join(" · ");
}

/** "8 credits not spent", or that it is unknown: what the reused renders saved. */
function notSpentText(notSpent: number | null | undefined): string {
  return typeof notSpent === "number"
    ? `${creditsText(notSpent)} not spent`
    : "what they would have cost is unknown";
}

/** Why a render was needed, as the end of "rendered again …". */
const WHY_AGAIN: Record<string, string> = {
  changed: "the request changed",
  missing: "the file was missing",
  modified: "over a file edited by hand",
};

/** One asset's status in plain words, with its icon, and which request fields changed. */
export function statusWords(row: ReportRow): string {
  const reason = row.reason;
  const fields = row.changedFields?.length ? `${row.changedFields.join(", ")} changed` : undefined;
  const why = (reason === "changed" && fields) || (reason && WHY_AGAIN[reason]);
  switch (row.status) {
    case "rendered":
      return why ? `✅ rendered again: ${why}` : "✅ new render";
    case "restored":
      return `♻️ ${REUSED} (no job)${why ? `: ${why}` : ""}`;
    case "unchanged":
      return "⚪ unchanged";
    case "failed":
      return "❌ failed";
    case "skipped":
      return "⏭️ skipped";
    case "new":
      return "🆕 new: would render";
    case "changed":
      return `✏️ would render again: ${fields ?? "the request changed"}`;
    case "missing":
      return "❓ file missing: would render again";
    case "modified":
      return "⚠️ file edited by hand since its render";
    case "orphaned":
      return "🗑️ no longer in the manifest";
    case "stored":
      return "📦 in the store, not in this checkout";
  }
}

/** `FILE:LINE`, linked at the head commit when the link is known. */
export function sourceText(row: ReportRow): string | undefined {
  if (row.sourceFile === undefined || row.sourceLine === undefined) return undefined;
  const label = `<code>${escapeInline(`${row.sourceFile}:${row.sourceLine}`, 200)}</code>`;
  const url = safeUrl(row.sourceUrl);
  return url ? `<a href="${url}">${label}</a>` : label;
}

/** Failed assets named before "and N more". */
const NAMED_FAILURES = 3;

/** The one line that says what to do now, for every state a run can end in. */
export function nextStep(report: Report): string {
  const rows = report.rows;
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  if (report.planOnly)
    return "**Next:** the note above says why this run only planned, and how to render.";
  const kept = count("rendered") + count("restored");
  const keptNote =
    kept > 0
      ? ` The ${plural(kept, "render")} that finished ${kept === 1 ? "is" : "are"} kept and will not be paid for again.`
      : "";
  if (report.stopped !== undefined) {
    return `**Next:** deal with why it stopped (above), then re-run this job.${keptNote}`;
  }
  const failed = rows.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    const where = (r: ReportRow) => {
      const at = sourceText(r);
      return `<code>${escapeInline(r.id, 120)}</code>${at ? ` at ${at}` : ""}`;
    };
    const what =
      failed.length === 1
        ? `fix ${where(failed[0]!)} (the reason is under Failed)`
        : `fix the ${failed.length} failed assets, ${failed.slice(0, NAMED_FAILURES).map(where).join(", ")}${failed.length > NAMED_FAILURES ? ` and ${failed.length - NAMED_FAILURES} more` : ""} (reasons under Failed)`;
    return `**Next:** ${what}, then push; a failure on the server's side needs only a re-run of this job.${keptNote}`;
  }
  if (report.storeRefused === "s3") {
    const then = report.pullRequest
      ? "the pull request's next run then keeps its renders in the store, and the merge restores them with no new job"
      : "its next run then keeps what it renders in the store";
    return `**Next:** allow \`s3:PutObject\` on the store's bucket and prefix for the credentials in \`AWS_ACCESS_KEY_ID\`: ${then}.`;
  }
  if (report.storeRefused) {
    const then = report.pullRequest
      ? "the pull request's next run then keeps its renders in the store, shows them here, and the merge commits them with no new job"
      : "its next run then keeps what it renders in the store";
    return `**Next:** give this job \`permissions: contents: write\` in its workflow file: ${then}.`;
  }
  if (report.storeNote !== undefined)
    return "**Next:** re-run this job so the store keeps these renders.";
  if (kept === 0) {
    return report.pullRequest
      ? "**Next:** nothing to review here: no asset changed."
      : "**Done:** every output is in step with the manifest.";
  }
  if (!report.pullRequest) return "**Done:** every output is rendered and recorded in the lock.";
  return report.mergeKeepsRenders
    ? "**Next:** review the renders below. Merging commits these exact renders: the default branch restores them from the store, byte for byte, with no new job."
    : "**Next:** review the renders below. Merging renders them again on the default branch (no store keeps these bytes; see docs/action.md).";
}

/**
 * Why a render has no picture: it is not in the store, and what would put it there. Trusted
 * words (ours) and our own docs link; shown in place of the "After" preview.
 */
export function notStoredWords(notStored: NonNullable<ReportRow["notStored"]>): string {
  const url = safeUrl(notStored.docsUrl);
  const docs = (label: string) => (url ? ` (<a href="${url}">${label}</a>)` : "");
  if (notStored.refused === "s3") {
    return (
      "📭 No preview: not in the store, whose credentials may read but not write it. Allow " +
      `<code>s3:PutObject</code> on the store's bucket and prefix for them${docs("how")}.`
    );
  }
  return notStored.refused
    ? "📭 No preview: not in the store, which this run may not write to. Give the job " +
        `<code>permissions: contents: write</code>${docs("how")}.`
    : `📭 No preview: writing to the store failed, so it is not kept there. Re-run this job${docs("why")}.`;
}
