import { describe, expect, it } from "vitest";
import { ManifestError } from "../manifest/errors.js";
import {
  assetHash,
  canonicalJson,
  changedFields,
  fieldHashes,
  hashAssets,
  requestBody,
  requestBodyJson,
} from "./hash.js";
import { makeAsset } from "../../test/support/assets.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it("writes numbers as JSON does, with -0 as 0", () => {
    expect(canonicalJson([-0, 1.5, 1e21, 0.1, 10])).toBe("[0,1.5,1e+21,0.1,10]");
  });

  it("refuses numbers JSON cannot hold", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/finite/);
  });

  it("keeps strings byte for byte (no Unicode normalisation)", () => {
    expect(canonicalJson("e\u0301")).not.toBe(canonicalJson("\u00e9"));
  });
});

describe("assetHash", () => {
  it("is pinned: a change to the canonical form must be a deliberate format bump", () => {
    // Computed outside this code: sha256("agentframer-asset-v1\n" + the canonical body below).
    expect(requestBodyJson(makeAsset())).toBe(
      '{"height":1024,"model":"flux-1.1-pro","prompt":"A cozy reading nook in morning light, editorial photo","seed":42,"type":"image","width":1024}',
    );
    expect(assetHash(makeAsset())).toBe(
      "c7079e51271105f24466a9d7ea7abfd1a1adaff842d1bb968d9904ccc1e43a8f",
    );
  });

  it("ignores key order in params, at any depth", () => {
    const a = makeAsset({ params: { width: 1, height: 2, style: { a: 1, b: [1, 2] } } });
    const b = makeAsset({ params: { style: { b: [1, 2], a: 1 }, height: 2, width: 1 } });
    expect(assetHash(a)).toBe(assetHash(b));
  });

  it("ignores the id, the output path and where the asset was declared", () => {
    const moved = makeAsset({
      id: "other",
      output: "elsewhere/home.png",
      source: { file: "x.yml", line: 9, col: 1 },
    });
    expect(assetHash(moved)).toBe(assetHash(makeAsset()));
  });

  it.each([
    ["type", { type: "video" as const }],
    ["model", { model: "flux-dev" }],
    ["prompt", { prompt: "A cozy reading nook in evening light, editorial photo" }],
    ["a param value", { params: { width: 1024, height: 1024, seed: 43 } }],
    ["a param's type", { params: { width: 1024, height: 1024, seed: "42" } }],
    ["a new param", { params: { width: 1024, height: 1024, seed: 42, steps: 4 } }],
    ["a removed param", { params: { width: 1024, height: 1024 } }],
  ])("changes when %s changes", (_what, change) => {
    expect(assetHash(makeAsset(change))).not.toBe(assetHash(makeAsset()));
  });

  it("cannot be fooled by a param that spells a request field", () => {
    const bad = makeAsset({ params: { prompt: "sneaky" } });
    expect(() => assetHash(bad)).toThrow(ManifestError);
    expect(() => assetHash(bad)).toThrow(/agentframer\.yml:5:5: .*params may not set prompt/);
  });

  it("reports a non-finite param as a manifest problem", () => {
    expect(() => assetHash(makeAsset({ params: { seed: Number.NaN } }))).toThrow(ManifestError);
  });
});

describe("hashAssets", () => {
  it("reports every unsendable request at once", () => {
    const error = (() => {
      try {
        hashAssets([
          makeAsset({ id: "a", params: { model: "m" } }),
          makeAsset({ id: "ok" }),
          makeAsset({ id: "b", params: { type: "x", prompt: "y" } }),
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).problems.map((p) => p.message)).toEqual([
      'asset "a": params may not set model; set it on the asset itself',
      'asset "b": params may not set type, prompt; set it on the asset itself',
    ]);
  });
});

describe("requestBody", () => {
  it("is the POST body: type, model and prompt with the params beside them", () => {
    expect(requestBody(makeAsset())).toEqual({
      type: "image",
      model: "flux-1.1-pro",
      prompt: "A cozy reading nook in morning light, editorial photo",
      width: 1024,
      height: 1024,
      seed: 42,
    });
  });

  it("as JSON is the exact text the hash covers", () => {
    const json = requestBodyJson(makeAsset());
    expect(JSON.parse(json)).toEqual(requestBody(makeAsset()));
    expect(json).toBe(canonicalJson(requestBody(makeAsset())));
  });
});

describe("fieldHashes", () => {
  it("names exactly the fields that changed", () => {
    const before = fieldHashes(makeAsset());
    const after = fieldHashes(makeAsset({ prompt: "new", params: { seed: 1 } }));
    expect(changedFields(after, before)).toEqual(["prompt", "params"]);
    expect(changedFields(before, before)).toEqual([]);
  });

  it("tells apart fields holding the same value", () => {
    const f = fieldHashes(makeAsset({ model: "x", prompt: "x" }));
    expect(f.model).not.toBe(f.prompt);
    expect(f.model).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("requestBodyJson with params shared by many assets (frozen, as the loader makes them)", () => {
  const deepFrozen = <T>(value: T): T => {
    if (value !== null && typeof value === "object") {
      for (const inner of Object.values(value)) deepFrozen(inner);
      Object.freeze(value);
    }
    return value;
  };

  it("writes the same bytes as for unshared params, whatever sorts before or after prompt", () => {
    const params = {
      aspect: "1:1",
      nested: { prompt: "", model: ["x", { prompt: 1 }] },
      quality: "high",
      seed: 7,
      style: { b: 2, a: 1 },
      zoom: null,
    };
    const shared = deepFrozen(structuredClone(params));
    for (const prompt of ["one", 'two "quoted" \u2028', ""]) {
      for (const type of ["image", "video"] as const) {
        for (const model of ["m1", "m2"]) {
          const fresh = requestBodyJson(makeAsset({ prompt, type, model, params }));
          expect(requestBodyJson(makeAsset({ prompt, type, model, params: shared }))).toBe(fresh);
        }
      }
    }
  });

  it("still reports a reserved or non-finite param for each asset", () => {
    const reserved = deepFrozen({ prompt: "x" });
    const nonFinite = deepFrozen({ seed: Infinity });
    for (const params of [reserved, nonFinite]) {
      for (const id of ["a", "b"]) {
        expect(() => requestBodyJson(makeAsset({ id, params }))).toThrow(ManifestError);
      }
    }
  });

  it("does not trust params frozen only on the outside", () => {
    const inner = { w: 1 };
    const params = Object.freeze({ inner });
    const before = requestBodyJson(makeAsset({ params }));
    inner.w = 2;
    expect(requestBodyJson(makeAsset({ params }))).not.toBe(before);
    expect(requestBodyJson(makeAsset({ params }))).toContain('"inner":{"w":2}');
  });
});
