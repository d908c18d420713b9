/**
 * SHA-256 digests as the tool writes them (64 lower-case hex digits) read straight from bytes
 * into 32-byte columns, and recognised in strings, without a string or Buffer per digest: the
 * lockfile's lines and the stat index hold hundreds of thousands of them.
 */

const DIGEST_BYTES = 32;
const HEX_DIGITS = 2 * DIGEST_BYTES;

/** Lower-case hex digit → its value, by byte (or character code below 256); -1 for any other. */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++) HEX_VALUE[d.toString(16).charCodeAt(0)] = d;

/**
 * Writes the 32 bytes spelt by the 64 lower-case hex digits at `from` in `hex` to `out` at `to`;
 * false (and `out` partly written) if any of them is not such a digit.
 */
export function decodeSha256(hex: Uint8Array, from: number, out: Uint8Array, to = 0): boolean {
  for (let k = 0; k < DIGEST_BYTES; k++) {
    const high = HEX_VALUE[hex[from + 2 * k] as number] as number;
    const low = HEX_VALUE[hex[from + 2 * k + 1] as number] as number;
    if (high < 0 || low < 0) return false;
    out[to + k] = (high << 4) | low;
  }
  return true;
}

/** Whether `text` is 64 lower-case hex digits. */
export function isSha256Hex(text: string): boolean {
  if (text.length !== HEX_DIGITS) return false;
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (c >= 256 || (HEX_VALUE[c] as number) < 0) return false;
  }
  return true;
}
