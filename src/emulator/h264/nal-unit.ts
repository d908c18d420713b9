/** NAL unit types this encoder writes (H.264 Table 7-1). */
export const NAL_TYPE = { slice: 1, idrSlice: 5, sps: 7, pps: 8 } as const;

/**
 * A NAL unit: its one-byte header, then the RBSP with emulation prevention (an 0x03 after any
 * two zero bytes that precede a byte ≤ 3), so no start code can appear inside it.
 */
export function nalUnit(type: number, refIdc: number, rbsp: Buffer): Buffer {
  const out = Buffer.alloc(1 + rbsp.length + Math.ceil(rbsp.length / 2));
  out[0] = (refIdc << 5) | type;
  let length = 1;
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out[length++] = 3;
      zeros = 0;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}
