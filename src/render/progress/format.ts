import type { AssetResult, RenderResult } from "../result.js";

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

/** The closing summary: counts, time, and each failure with its reason. */
export function formatSummary(result: RenderResult, elapsedMs: number, style: Styler): string {
  const c = result.counts;
  const parts = [
    `${c.rendered} rendered`,
    `${c.restored} restored`,
    `${c.unchanged} unchanged`,
    ...(c.failed > 0 ? [style.bad(`${c.failed} failed`)] : []),
    ...(c.skipped > 0 ? [`${c.skipped} skipped`] : []),
  ];
  // A run that stopped early says so first: "Done" above it would read as success.
  const lines = result.stopped
    ? [
        style.bad(`Stopped early: ${result.stopped}`),
        `${style.bold("Before it stopped:")} ${parts.join(", ")} in ${formatSeconds(elapsedMs)}`,
      ]
    : [`${style.bold("Done:")} ${parts.join(", ")} in ${formatSeconds(elapsedMs)}`];
  if (result.variants) {
    const v = result.variants;
    const failed = v.failed > 0 ? `, ${style.bad(`${v.failed} failed`)}` : "";
    lines.push(
      `Variants: ${v.files} file${v.files === 1 ? "" : "s"} derived for ${v.assets} asset${v.assets === 1 ? "" : "s"} (no job)${failed}`,
    );
  }
  const failures = result.assets.filter((a) => a.status === "failed");
  if (failures.length > 0) {
    lines.push(style.bad(`Failed (${failures.length}):`));
    for (const f of failures) lines.push(`  ${f.id} (${f.output}): ${f.error ?? "unknown error"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The first line of a render, the same in the live view and in line-per-change output. */
export function formatStart(total: number, unchanged: number, excluded: number): string {
  const notSelected = excluded > 0 ? `, ${excluded} not selected` : "";
  return `Rendering ${total} asset${total === 1 ? "" : "s"} (${unchanged} unchanged${notSelected})\n`;
}
