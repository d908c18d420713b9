/** Bits written by a `BitWriter`: whole bytes, then `tailBits` more in the low bits of `tail`. */
export interface WrittenBits {
  bytes: Buffer;
  tail: number;
  tailBits: number;
}

/**
 * An H.264 RBSP written bit by bit: fixed-width fields, Exp-Golomb codes and raw bytes, as the
 * syntax tables of ITU-T H.264 § 7.3 name them (u(n), ue(v), se(v)).
 */
export class BitWriter {
  #bytes: Buffer = Buffer.alloc(256);
  #length = 0;
  /** Bits of the byte being filled, most significant first. */
  #current = 0;
  #filled = 0;

  /** u(n): `value` in `bits` bits, n ≤ 32. */
  u(bits: number, value: number): this {
    for (let i = bits - 1; i >= 0; i--) this.#bit(Math.floor(value / 2 ** i) & 1);
    return this;
  }

  flag(value: boolean): this {
    return this.#bit(value ? 1 : 0);
  }

  /** ue(v): unsigned Exp-Golomb, `value` ≥ 0. */
  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    this.u(length, 0);
    return this.u(length + 1, code);
  }

  /** se(v): signed Exp-Golomb (k > 0 → 2k − 1, k ≤ 0 → −2k). */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  get byteAligned(): boolean {
    return this.#filled === 0;
  }

  /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit, cabac_alignment_one_bit). */
  alignWithZeros(): this {
    while (this.#filled !== 0) this.#bit(0);
    return this;
  }

  /** Whole bytes; the writer must be byte-aligned. */
  bytes(data: Uint8Array): this {
    if (this.#filled !== 0) throw new Error("BitWriter.bytes needs a byte-aligned writer.");
    this.#reserve(data.length);
    this.#bytes.set(data, this.#length);
    this.#length += data.length;
    return this;
  }

  /** What was written so far, for `append` to another writer (not byte-aligned). */
  snapshot(): WrittenBits {
    const bytes = Buffer.from(this.#bytes.subarray(0, this.#length));
    return { bytes, tail: this.#current, tailBits: this.#filled };
  }

  append(written: WrittenBits): this {
    for (const byte of written.bytes) this.u(8, byte);
    return this.u(written.tailBits, written.tail);
  }

  /** rbsp_trailing_bits(): a stop bit, then zeros to the byte boundary; returns the RBSP. */
  finish(): Buffer {
    this.#bit(1);
    this.alignWithZeros();
    return Buffer.from(this.#bytes.subarray(0, this.#length));
  }

  #bit(bit: number): this {
    this.#current = (this.#current << 1) | bit;
    if (++this.#filled === 8) {
      this.#reserve(1);
      this.#bytes[this.#length++] = this.#current;
      this.#current = 0;
      this.#filled = 0;
    }
    return this;
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const grown = Buffer.alloc(Math.max(this.#bytes.length * 2, this.#length + extra));
    this.#bytes.copy(grown, 0, 0, this.#length);
    this.#bytes = grown;
  }
}
