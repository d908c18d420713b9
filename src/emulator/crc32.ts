/**
 * CRC-32 (the PNG/zlib polynomial). Node 20 has no zlib.crc32, so a table implementation, plus
 * `crc32Zeros` to extend a CRC over a run of zero bytes in O(log n) — padded 20 MB results would
 * otherwise cost a full pass per file just for the padding chunk's CRC.
 */
const POLY = 0xedb88320;

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Continue `crc` (0 to start) over `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = (TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** a(x) * b(x) modulo the CRC polynomial, bit-reflected (as zlib's multmodp). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** X_POW_2N[k] = x^(2^k) mod p. */
const X_POW_2N = (() => {
  const table = new Uint32Array(32);
  let p = 0x40000000; // x^1
  table[0] = p;
  for (let k = 1; k < 32; k++) table[k] = p = multiplyModP(p, p);
  return table;
})();

/** x^(n * 2^k) mod p. */
function xPowModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(X_POW_2N[k & 31] as number, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** Continue `crc` over `count` zero bytes. */
export function crc32Zeros(crc: number, count: number): number {
  const register = (crc ^ 0xffffffff) >>> 0;
  return (multiplyModP(xPowModP(count, 3), register) ^ 0xffffffff) >>> 0;
}
