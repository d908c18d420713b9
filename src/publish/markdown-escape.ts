/**
 * Text from a manifest, a CSV row or an API answer goes into a PR comment that GitHub renders as
 * markdown with inline HTML. Anyone who can open a PR controls that text, so it must come out as
 * inert characters: no tags, no links or images, no @-mentions that notify people, no table
 * breakouts, no bidi tricks, and never more than one table cell's worth of it.
 */

/** C0/C1 controls, and bidi overrides and isolates that can make text read differently. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE_RUN = /\s+/g;
/**
 * Inline markdown punctuation, backslash-escaped. The text is always mid-line in a table cell or
 * after a tag, so the block-level characters (`#`, `-`, `+` at a line start) cannot act; `.` and
 * `:` are escaped to break GitHub's bare-URL autolinks (`www.x.y`, `https://`).
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~.:]/g;
const HTML_SPECIAL = /[<>&"']/g;
const HTML_ENTITIES: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
};
/**
 * U+2060 WORD JOINER: invisible, and GitHub no longer sees `@name` as a mention or `#123` as an
 * issue reference. Both are found after rendering, so a backslash would not stop them.
 */
const WORD_JOINER = "\u2060";

/**
 * One line of inert text, at most `maxLength` characters before escaping (counted in code
 * points, so a surrogate pair is never split), with "…" when cut.
 */
export function escapeInline(text: string, maxLength = 200): string {
  const flat = text.replace(INVISIBLE, " ").replace(WHITESPACE_RUN, " ").trim();
  const points = Array.from(flat);
  const cut =
    points.length > maxLength ? `${points.slice(0, maxLength).join("").trimEnd()}…` : flat;
  return (
    cut
      // Before the entities, whose own `#` (in `&#39;`) must stay intact.
      .replace(/@/g, `@${WORD_JOINER}`)
      .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
      .replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] ?? c)
      .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
  );
}

/**
 * An http(s) URL made safe for an HTML attribute inside a markdown table cell, or undefined when
 * it is not one. Pipes would split the table cell, quotes would end the attribute.
 */
export function safeUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return url.href
    .replace(
      /[|"'<>`\s\\]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .replace(/&/g, "&amp;");
}

/** Percent-encode each segment of a repository path for a URL. */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
