import { describe, expect, it } from "vitest";
import { IdPlaces } from "./id-places.js";
import { makeAsset } from "../../test/support/assets.js";

const assets = ["b", "a", "d", "c"].map((id) => makeAsset({ id, output: `o/${id}.png` }));
const map = new Map(assets.map((a, place) => [a.id, place]));

describe("IdPlaces", () => {
  it("answers as a Map of the ids would, before and after it builds one", () => {
    const ids = new IdPlaces(assets);
    // More lookups than it walks the assets for: the later ones go through the map it builds.
    const asked = ["d", "zz", "b", "a", "c", "nope", "b", "d", "a", "c", "zz", "a"];
    expect(asked.map((id) => ids.get(id))).toEqual(asked.map((id) => map.get(id)));
    expect(asked.map((id) => ids.has(id))).toEqual(asked.map((id) => map.has(id)));
  });

  it("lists the ids in place order without a lookup", () => {
    const ids = new IdPlaces(assets);
    const seen: Array<[string, number]> = [];
    ids.forEach((place, id, self) => {
      expect(self).toBe(ids);
      seen.push([id, place]);
    });
    expect(seen).toEqual([...map]);
    expect([...ids]).toEqual([...map]);
    expect([...ids.keys()]).toEqual([...map.keys()]);
    expect([...ids.values()]).toEqual([...map.values()]);
    expect(ids.size).toBe(map.size);
  });
});
