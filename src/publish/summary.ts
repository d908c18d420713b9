/**
 * The job summary: written on every run, including plan-only and failed ones, from the same
 * Report and renderer as the PR comment, with the larger summary limit.
 */
import { renderMarkdown, SUMMARY_LIMIT } from "./comment-markdown.js";
import { escapeInline } from "./markdown-escape.js";
import type { Report } from "./report.js";

export interface SummaryExtras {
  /** Shown above the tables, e.g. why a fork PR only planned. Trusted text (our own). */
  notes?: readonly string[];
  /** Links the run produced (the comment, the commit). Trusted text. */
  links?: readonly string[];
}

export function renderSummary(report: Report, extras: SummaryExtras = {}): string {
  const notes = (extras.notes ?? []).map((n) => `> ${n}\n\n`).join("");
  const links = (extras.links ?? []).map((l) => `- ${l}\n`).join("");
  const prefix = notes + (links ? `${links}\n` : "");
  return (
    prefix +
    renderMarkdown(report, {
      limit: SUMMARY_LIMIT - prefix.length,
      overflowHint: "the full list is in the action's `result` output",
    }) +
    "\n"
  );
}

/** The summary of a run that stopped before it could plan: a bad input or manifest. */
export function renderProblemsSummary(
  manifest: string,
  title: string,
  problems: readonly string[],
): string {
  const list = problems
    .slice(0, 500)
    .map((p) => `- ${escapeInline(p, 500)}`)
    .join("\n");
  const more = problems.length > 500 ? `\n- …and ${problems.length - 500} more` : "";
  return `### agentframer render — <code>${escapeInline(manifest, 120)}</code>\n\n**${title}**\n\n${list}${more}\n`;
}
