import { withRoom } from "./int-array.js";

/**
 * A set of string keys, each with a number, for the registry's claims (ids, outputs, folders).
 *
 * A JavaScript Map did this before; at 500,000 assets its tables cost more time than everything
 * else the registry does (they grow by copying, and every entry is three pointers), and they and
 * their lower-cased keys were half a loader's garbage. Here a key is a prefix of a string the
 * caller keeps anyway (an output's folder is a prefix of the output), so no key is sliced or
 * lower-cased to look it up, and the table is four flat arrays of 32-bit numbers.
 *
 * Hashes are the caller's, made with `hashStart`, `hashChar` and `hashEnd`. Lookups probe at
 * most MAX_PROBES slots; keys that would need more (only hostile input crafted to collide does
 * that) go to an ordinary Map, so no input makes a claim cost more than a few probes.
 */

const MAX_PROBES = 32;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const UPPER_A = 65;
const UPPER_Z = 90;

export function hashStart(): number {
  return FNV_OFFSET;
}

/** Adds one UTF-16 unit to a running hash; `fold` hashes A-Z as a-z. */
export function hashChar(hash: number, code: number, fold: boolean): number {
  const c = fold && code >= UPPER_A && code <= UPPER_Z ? code + 32 : code;
  return Math.imul(hash ^ c, FNV_PRIME);
}

/** Finishes a running hash (murmur3's finaliser), so that its low bits depend on every unit. */
export function hashEnd(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The finished hash of `text`'s first `length` units. */
export function hashOf(text: string, length: number, fold: boolean): number {
  let hash = hashStart();
  for (let k = 0; k < length; k++) hash = hashChar(hash, text.charCodeAt(k), fold);
  return hashEnd(hash);
}

export class KeyTable {
  /** Entry + 1 per slot; 0 is an empty slot. */
  private slots = new Int32Array(64);
  private hashes = new Int32Array(16);
  private lengths = new Int32Array(16);
  private numbers = new Int32Array(16);
  private texts: string[] = [];
  private overflow: Map<string, number> | undefined;
  /** Keys announced so far (by `reserve`), to size the arrays once. */
  private expected = 0;

  /** `fold`: keys that differ only in the case of A-Z are the same key. */
  constructor(private readonly fold: boolean) {}

  get size(): number {
    return this.texts.length;
  }

  /**
   * Announces `more` keys to come (on top of those announced before), so that the arrays are
   * sized once rather than grown step by step (or doubled for the last few keys).
   */
  reserve(more: number): void {
    this.expected = Math.max(this.expected, this.texts.length) + more;
    this.grow(this.expected);
  }

  /** The number kept with the key `text.slice(0, length)`, or -1 when the key is not here. */
  find(text: string, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const entry = (this.slots[slot] ?? 0) - 1;
      if (entry < 0) return -1;
      if (this.matches(entry, text, length, hash)) return this.numbers[entry] ?? -1;
      slot = (slot + 1) & mask;
    }
    const entry = this.overflow?.get(this.flat(text, length));
    return entry === undefined ? -1 : (this.numbers[entry] ?? -1);
  }

  /** Adds the key `text.slice(0, length)`, which must not be here yet, with `number`. */
  add(text: string, length: number, hash: number, number: number): void {
    const entry = this.texts.length;
    this.grow(entry + 1);
    this.texts.push(text);
    this.hashes[entry] = hash;
    this.lengths[entry] = length;
    this.numbers[entry] = number;
    this.place(entry);
  }

  private matches(entry: number, text: string, length: number, hash: number): boolean {
    if (this.hashes[entry] !== hash || this.lengths[entry] !== length) return false;
    const kept = this.texts[entry] ?? "";
    if (!this.fold && kept.length === length && text.length === length) return kept === text;
    for (let k = 0; k < length; k++) {
      const a = kept.charCodeAt(k);
      const b = text.charCodeAt(k);
      if (a === b) continue;
      if (!this.fold || (a | 32) !== (b | 32)) return false;
      const lower = a | 32;
      if (lower < UPPER_A + 32 || lower > UPPER_Z + 32) return false;
    }
    return true;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[entry] ?? 0) & mask;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      if (this.slots[slot] === 0) {
        this.slots[slot] = entry + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.overflow ??= new Map();
    this.overflow.set(this.flat(this.texts[entry] ?? "", this.lengths[entry] ?? 0), entry);
  }

  /** The key as a string of its own, only for keys in the overflow map. */
  private flat(text: string, length: number): string {
    const key = text.slice(0, length);
    return this.fold ? key.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : key;
  }

  /** Keeps the slots at most half full, and room in the per-entry arrays for `entries`. */
  private grow(entries: number): void {
    this.hashes = withRoom(this.hashes, entries);
    this.lengths = withRoom(this.lengths, entries);
    this.numbers = withRoom(this.numbers, entries);
    if (entries * 2 <= this.slots.length) return;
    let slots = this.slots.length * 2;
    while (entries * 2 > slots) slots *= 2;
    this.slots = new Int32Array(slots);
    this.overflow = undefined;
    for (let entry = 0; entry < this.texts.length; entry++) this.place(entry);
  }
}
