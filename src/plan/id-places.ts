/**
 * The manifest's ids → their places, for the lock reader. A plan's reader recognises most lines
 * of a lockfile by trying the places after the last ones found, and asks for the ids in place
 * order (state/written-entry-line.ts); only the other lines (a changed request, an orphan, a
 * layout it does not know) are looked up by id: on the 501,000-asset benchmark, twice (where a
 * run of ids starts). The first few lookups are therefore a walk over the assets (a few ms each),
 * and the Map of every id, 150–250 ms and 21 MB at that size, is built only when there are more:
 * a plan of a mostly unchanged catalogue never builds it.
 */
import type { Asset } from "../manifest/types.js";

/** Lookups answered by walking the assets before the map is built instead. */
const WALKS = 8;

export class IdPlaces implements ReadonlyMap<string, number> {
  #map: Map<string, number> | undefined;
  #walks = 0;

  /** `assets` must have distinct ids, as a loaded manifest's have. */
  constructor(private readonly assets: readonly Asset[]) {}

  #byId(): Map<string, number> {
    if (this.#map === undefined) {
      const map = new Map<string, number>();
      for (let place = 0; place < this.assets.length; place++) {
        map.set((this.assets[place] as Asset).id, place);
      }
      this.#map = map;
    }
    return this.#map;
  }

  get(id: string): number | undefined {
    if (this.#map === undefined && this.#walks < WALKS) {
      this.#walks++;
      for (let place = 0; place < this.assets.length; place++) {
        if ((this.assets[place] as Asset).id === id) return place;
      }
      return undefined;
    }
    return this.#byId().get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    return this.assets.length;
  }

  /** In place order, as a Map filled in that order gives them, without building it. */
  forEach(fn: (place: number, id: string, map: ReadonlyMap<string, number>) => void): void {
    for (let place = 0; place < this.assets.length; place++) {
      fn(place, (this.assets[place] as Asset).id, this);
    }
  }

  *entries(): MapIterator<[string, number]> {
    for (let place = 0; place < this.assets.length; place++) {
      yield [(this.assets[place] as Asset).id, place];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number> {
    for (const [, place] of this.entries()) yield place;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
