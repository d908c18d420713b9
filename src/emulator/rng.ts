import { createHash } from "node:crypto";

/** A source of numbers in [0, 1). */
export type Random = () => number;

/**
 * A seeded generator (sfc32) whose state comes from hashing `parts`, so independent streams
 * (one per fault, one per job) can be derived from one seed without affecting each other.
 */
export function seededRandom(...parts: Array<string | number>): Random {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Uniform draw in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
