/**
 * The "Before" and "After" cells of a rendered row. With a review preview from the store: the
 * small WebP, linking to the full file, and for a video or audio file its length and a link to
 * play it. Without one (an old store entry, a store that cannot show it, more previews than a run
 * makes): as before, the full file as a thumbnail or a link, plus, after, the length and the note
 * that says why there is no poster or waveform when this run knows.
 */
import type { ReportRow } from "./report.js";
import { escapeInline, safeUrl } from "./markdown-escape.js";
import { notStoredWords } from "./plain-words.js";

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
    // Nothing to link: say why and what to do, never a bare "—".
    if (!full && row.notStored) {
      return `<sub>${[notStoredWords(row.notStored), extra].filter(Boolean).join(" · ")}</sub>`;
    }
    return fullFileCell(row.url, row.type, "after") + (extra ? `<br><sub>${extra}</sub>` : "");
  }
  return previewCell(full, preview, row.type, length, "after");
}

/**
 * The "Before" cell: the previous render's preview from the store, linking to the file as it was
 * committed; without one (a render older than previews, a fork's run, a preview that did not
 * check out), the committed file itself, as before.
 */
export function beforeCell(row: ReportRow): string {
  const full = safeUrl(row.beforeUrl);
  const preview = safeUrl(row.beforePreview?.url);
  if (!full || !preview) return fullFileCell(row.beforeUrl, row.type, "before");
  const type = row.beforePreview!.type;
  return previewCell(
    full,
    preview,
    type,
    formatDuration(row.beforePreview!.durationSeconds),
    "before",
  );
}

/** A small preview linking to the full file, and under it a video's or audio file's length. */
function previewCell(
  full: string,
  preview: string,
  type: ReportRow["type"],
  length: string | undefined,
  side: "before" | "after",
): string {
  const what = type === "video" ? "poster frame" : type === "audio" ? "waveform" : undefined;
  const alt = side === "after" ? (what ?? "after") : what ? `before (${what})` : "before";
  const image = `<a href="${full}"><img src="${preview}" width="${THUMB_WIDTH}" alt="${alt}"></a>`;
  const link =
    type === "video"
      ? `▶️ ${length ?? "video"} · <a href="${full}">play video</a>`
      : type === "audio"
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
