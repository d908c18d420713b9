/**
 * Finding the API key in text a server controls. A hostile or broken server can echo the key
 * in another case (a host name is lowercased by every URL parser) or percent-encoded (in a query
 * string, once or twice), so a plain `includes` misses it. One pattern per key matches every
 * such spelling: each character as itself in either case, or as `%XX` or `%25XX`.
 */

const patterns = new Map<string, RegExp>();

function keyPattern(key: string): RegExp {
  let pattern = patterns.get(key);
  if (!pattern) {
    const chars = [...key].map((char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(2, "0");
      const literal = char.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
      return char.charCodeAt(0) < 0x80 ? `(?:${literal}|%(?:25)?${hex})` : literal;
    });
    pattern = new RegExp(chars.join(""), "giu");
    patterns.set(key, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Whether `text` holds `key` in any case or percent-encoding. */
export function carriesKey(text: string, key: string | undefined): boolean {
  if (!key) return false;
  return keyPattern(key).test(text);
}

/** `text` with every spelling of `key` replaced by `[redacted]`. */
export function redactKey(text: string, key: string | undefined): string {
  if (!key) return text;
  return text.replace(keyPattern(key), "[redacted]");
}
