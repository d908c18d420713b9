/**
 * Finding a credential in text a server controls, in every spelling it can come back in. The one
 * place that knows them, for every credential the tool holds: the API key, the github-token, the
 * AWS key id, secret and session token.
 *
 * - **As itself, in any case**: a host name is lowercased by every URL parser.
 * - **Percent-encoded**, once or twice, character by character (`%2B` for `+` in a query string:
 *   an S3 error echoing `X-Amz-Security-Token=IQoJ…%2Btok%2Fen%3D%3D`).
 * - **In base64**, standard or URL-safe, at any of the three alignments, alone or inside a longer
 *   encoded string (`Authorization: Basic base64(x-access-token:TOKEN)`, `base64(id:secret)`).
 *   Which three base64 characters a byte becomes depends on its offset modulo 3, so for each
 *   offset the characters that depend on the secret's bytes alone are looked for; those are
 *   replaced (with the one or two characters on each side that mix in bytes around it), so
 *   nothing decodable of the secret is left.
 *
 * Short strings (under 8 characters) are matched only as themselves: in base64 they would match
 * by accident.
 */

const patterns = new Map<string, RegExp>();
const BASE64_MIN_SECRET = 8;

/** Each character as itself in either case, or as `%XX` or `%25XX`. */
function spelledPattern(secret: string): string {
  return [...secret]
    .map((char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(2, "0");
      const literal = escapeRegExp(char);
      return char.charCodeAt(0) < 0x80 ? `(?:${literal}|%(?:25)?${hex})` : literal;
    })
    .join("");
}

/**
 * The base64 characters that depend on the secret's bytes only, for each of the three offsets
 * the secret can sit at in an encoded string, standard and URL-safe; with a class for the
 * characters on each side that mix in bytes of what surrounds it.
 */
function base64Patterns(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  if (secret.length < BASE64_MIN_SECRET) return [];
  const out: string[] = [];
  for (const lead of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes]).toString("base64");
    // Characters fully inside the secret's bytes: from the first whole sextet after the lead
    // bytes to the last sextet that ends within the secret.
    const start = Math.ceil((lead * 8) / 6);
    const end = Math.floor(((lead + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length < 6) continue;
    for (const text of [core, core.replace(/\+/g, "-").replace(/\//g, "_")]) {
      out.push(`[A-Za-z0-9+/_-]{0,2}${escapeRegExp(text)}[A-Za-z0-9+/_-]{0,2}={0,2}`);
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

function secretPattern(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (!pattern) {
    const ways = [spelledPattern(secret), ...new Set(base64Patterns(secret))];
    pattern = new RegExp(ways.map((w) => `(?:${w})`).join("|"), "giu");
    patterns.set(secret, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Whether `text` holds `key` in any of the spellings above. */
export function carriesKey(text: string, key: string | undefined): boolean {
  if (!key) return false;
  return secretPattern(key).test(text);
}

/** `text` with every spelling of `key` replaced by `[redacted]`. */
export function redactKey(text: string, key: string | undefined): string {
  if (!key) return text;
  return text.replace(secretPattern(key), "[redacted]");
}

/** `text` with every spelling of each of `secrets` replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) out = redactKey(out, secret);
  return out;
}

/**
 * The credentials a run holds through its environment, for the printers' last pass: the API key,
 * the GitHub tokens, the AWS key id, secret and session token.
 */
export function credentialsIn(env: NodeJS.ProcessEnv): string[] {
  const names = [
    "AGENTFRAMER_API_KEY",
    "AGENTFRAMER_STORE_TOKEN",
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
  ];
  return names.map((name) => env[name]?.trim() ?? "").filter((value) => value.length >= 4);
}
