/**
 * Draws a Report as GitHub-flavoured markdown, for the sticky PR comment and the job summary.
 * Failures come first and stay open, renders next, everything unchanged folds into <details>.
 * The output never exceeds `limit` characters: rows are added while they fit, and the rest are
 * counted in one closing line that says where to find them.
 */
import type { Report, ReportRow } from "./report.js";
import { escapeInline, safeUrl } from "./markdown-escape.js";
import { headline, nextStep, sourceText, statusWords } from "./plain-words.js";
import { afterCell, beforeCell } from "./preview-cell.js";
import { promptDiff } from "./prompt-diff.js";
import { creditsText } from "../plan/credits.js";

/** GitHub refuses issue comments longer than this. */
export const COMMENT_LIMIT = 65_536;
/** GitHub's job summary limit is 1 MiB per step; leave room for the runner's own lines. */
export const SUMMARY_LIMIT = 1_000_000;

export interface MarkdownOptions {
  /** Maximum length of the whole document. */
  limit: number;
  /** First line (the sticky comment's hidden marker), if any. */
  marker?: string;
  /** Where the rows that did not fit can be seen, e.g. "see the job summary". */
  overflowHint: string;
}

interface Section {
  open: string;
  close: string;
  rows: string[];
}

export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const head = [
    ...(options.marker ? [options.marker] : []),
    `### agentframer render — ${code(report.manifest)}`,
    "",
    headline(report),
    "",
    ...(report.storeNote ? [`> ${report.storeNote}`, ""] : []),
    ...(report.planOnly ? ["> Plan only: nothing was submitted, nothing was spent.", ""] : []),
    ...(report.stopped ? [`> **Stopped early:** ${escapeInline(report.stopped, 300)}`, ""] : []),
    nextStep(report),
    "",
    ...framingLine(report),
  ].join("\n");
  return fitSections(`${head}\n`, sectionsFor(report), options);
}

/**
 * One column of a table: its header and how a row fills it. Each table is a list of these, so a
 * new column is one entry here, not an edit to a header, a separator and a row function.
 */
interface Column {
  header: string;
  cell(row: ReportRow): string;
}

const FAILED_COLUMNS: readonly Column[] = [
  { header: "Asset", cell: (r) => `${assetCell(r)}${sourceCell(r)}` },
  { header: "Reason", cell: (r) => escapeInline(r.error ?? "unknown", 400) },
];

/** Before, then after, large enough to judge; the asset, its status and what changed on the left. */
const ACTIVE_COLUMNS: readonly Column[] = [
  { header: "Asset", cell: describeCell },
  { header: "Before", cell: beforeCell },
  { header: "After", cell: afterCell },
];

const QUIET_COLUMNS: readonly Column[] = [
  { header: "Status", cell: statusWords },
  { header: "Asset", cell: assetCell },
];

function tableHead(columns: readonly Column[]): string {
  return `| ${columns.map((c) => c.header).join(" | ")} |\n|${"---|".repeat(columns.length)}\n`;
}

function tableRow(columns: readonly Column[], row: ReportRow): string {
  return `| ${columns.map((c) => c.cell(row)).join(" | ")} |\n`;
}

function sectionsFor(report: Report): Section[] {
  const failed = report.rows.filter((r) => r.status === "failed");
  const quiet = new Set(["unchanged", "skipped", "orphaned", "stored"]);
  const active = report.rows.filter((r) => r.status !== "failed" && !quiet.has(r.status));
  const rest = report.rows.filter((r) => quiet.has(r.status));
  const sections: Section[] = [];
  if (failed.length > 0) {
    sections.push({
      open: `#### Failed (${failed.length})\n\n${tableHead(FAILED_COLUMNS)}`,
      close: "\n",
      rows: failed.map((r) => tableRow(FAILED_COLUMNS, r)),
    });
  }
  if (active.length > 0) {
    const title = report.planOnly ? "Would render" : "Renders";
    sections.push({
      open:
        `<details open><summary><b>${title} (${active.length})</b></summary>\n\n` +
        tableHead(ACTIVE_COLUMNS),
      close: "\n</details>\n\n",
      rows: active.map((r) => tableRow(ACTIVE_COLUMNS, r)),
    });
  }
  if (rest.length > 0) {
    sections.push({
      open:
        `<details><summary>Unchanged and skipped (${rest.length})</summary>\n\n` +
        tableHead(QUIET_COLUMNS),
      close: "\n</details>\n",
      rows: rest.map((r) => tableRow(QUIET_COLUMNS, r)),
    });
  }
  return sections;
}

/**
 * Appends sections row by row while the document, plus the closing of the open section and the
 * overflow line, stays within the limit. The worst-case overflow line is reserved up front, so a
 * row that fits can never push the ending over.
 */
function fitSections(head: string, sections: Section[], options: MarkdownOptions): string {
  const total = sections.reduce((n, s) => n + s.rows.length, 0);
  const overflow = (n: number) =>
    `\n**…and ${n} more asset${n === 1 ? "" : "s"} — ${options.overflowHint}.**\n`;
  const reserve = overflow(total).length;
  const parts = [head];
  let length = head.length;
  let shown = 0;
  for (const section of sections) {
    if (length + section.open.length + section.close.length + reserve > options.limit) break;
    parts.push(section.open);
    length += section.open.length;
    let full = false;
    for (const row of section.rows) {
      if (length + row.length + section.close.length + reserve > options.limit) {
        full = true;
        break;
      }
      parts.push(row);
      length += row.length;
      shown += 1;
    }
    parts.push(section.close);
    length += section.close.length;
    if (full) break;
  }
  if (shown < total) parts.push(overflow(total - shown));
  const text = parts.join("");
  // Only reachable if the head alone is over the limit (a manifest path of thousands of
  // characters); cut hard rather than have GitHub refuse the comment.
  return text.length <= options.limit ? text : text.slice(0, options.limit - 1) + "…";
}

/**
 * The head commit and the run: which state of the branch these renders belong to, and where the
 * log is. Full size: a reader looking for the run's log must not have to hunt for it.
 */
function framingLine(report: Report): string[] {
  const parts: string[] = [];
  const head = safeUrl(report.head?.url);
  if (report.head && head)
    parts.push(
      `${report.planOnly ? "Planned" : "Rendered"} at <a href="${head}"><code>${report.head.sha}</code></a>`,
    );
  const run = safeUrl(report.runUrl);
  if (run) parts.push(`<a href="${run}">workflow run and its log</a>`);
  return parts.length > 0 ? [parts.join(" · "), ""] : [];
}

/** Where to fix a failed asset: FILE:LINE under its name. */
function sourceCell(row: ReportRow): string {
  const at = sourceText(row);
  return at ? `<br><sub>declared at ${at}</sub>` : "";
}

function assetCell(row: ReportRow): string {
  return `${code(row.id)}<br><sub>${escapeInline(row.output, 120)}</sub>`;
}

/**
 * The left cell of a rendered row, one idea per line: the asset, what happened and which request
 * fields changed, where the output goes, and the prompt (as a word diff when it changed).
 */
function describeCell(row: ReportRow): string {
  const diff =
    row.prompt !== undefined && row.previousPrompt !== undefined
      ? promptDiff(row.previousPrompt, row.prompt)
      : undefined;
  const prompt = diff ?? (row.prompt ? escapeInline(row.prompt, 140) : "");
  return (
    `${code(row.id)}<br>${statusWords(row)}${costOf(row)}<br><sub>${escapeInline(row.output, 120)}</sub>` +
    (prompt ? `<br><sub>${prompt}</sub>` : "")
  );
}

/** " · 4 credits": what the API said this job cost. */
function costOf(row: ReportRow): string {
  return row.credits === undefined ? "" : ` · ${creditsText(row.credits)}`;
}

/** Untrusted text as code: HTML <code> so that escaping still applies inside. */
function code(text: string): string {
  return `<code>${escapeInline(text, 120)}</code>`;
}
