/**
 * The "After" cell of a rendered row. With a review preview from the store: the small WebP,
 * linking to the full file, and for a video or audio file its length and a link to play it.
 * Without one (an old store entry, a store that cannot show it, more previews than a run makes):
 * as before, the full file as a thumbnail or a link, plus the length and the note that says why
 * there is no poster or waveform when this run knows.
 */
import type { ReportRow } from "./report.js";
import { escapeInline, safeUrl } from "./markdown-escape.js";

/** Wide enough to judge a render, two side by side within GitHub's comment column. */
export const THUMB_WIDTH = 280;

/** An image as a thumbnail linking to itself; video and audio as a link. */
export function fullFileCell(
  raw: string | undefined,
  type: ReportRow["type"],
  label: string,
): string {
  const url = safeUrl(raw);
  if (!url) return "—";
  if (type === undefined || type === "image")
    return `<a href="${url}"><img src="${url}" width="${THUMB_WIDTH}" alt="${label}"></a>`;
  return `<a href="${url}">${type === "video" ? "▶️ " : "🔊 "}${label} (${type})</a>`;
}

export function afterCell(row: ReportRow): string {
  const full = safeUrl(row.url);
  const preview = safeUrl(row.preview?.url);
  const length = formatDuration(row.preview?.durationSeconds);
  const note = row.preview?.note ? escapeInline(row.preview.note, 200) : undefined;
  if (!full || !preview) {
    const extra = [length, note].filter((part) => part !== undefined).join(" · ");
    return fullFileCell(row.url, row.type, "after") + (extra ? `<br><sub>${extra}</sub>` : "");
  }
  const what = row.type === "video" ? "poster frame" : row.type === "audio" ? "waveform" : "after";
  const image = `<a href="${full}"><img src="${preview}" width="${THUMB_WIDTH}" alt="${what}"></a>`;
  const link =
    row.type === "video"
      ? `▶️ ${length ?? "video"} · <a href="${full}">play video</a>`
      : row.type === "audio"
        ? `🔊 ${length ?? "audio"} · <a href="${full}">play audio</a>`
        : `<a href="${full}">full size</a>`;
  return `${image}<br><sub>${link}</sub>`;
}

/** "4.0 s" under a minute, "1:05" above; undefined when unknown. */
export function formatDuration(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
