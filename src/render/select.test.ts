import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Plan, PlanEntry, PlanStatus } from "../plan/types.js";
import { globMatcher, parseShard, selectEntries, shardOf } from "./select.js";

const entry = (id: string, status: PlanStatus): PlanEntry => ({
  id,
  status,
  output: `out/${id}.png`,
  hash: createHash("sha256").update(id).digest("hex"),
});

const plan = (entries: PlanEntry[]): Plan => ({
  entries,
  counts: { new: 0, changed: 0, unchanged: 0, missing: 0, modified: 0, orphaned: 0 },
});

describe("selectEntries", () => {
  const p = plan([
    entry("hero-home", "new"),
    entry("hero-about", "unchanged"),
    entry("product-1", "changed"),
    entry("product-2", "missing"),
    entry("gone", "orphaned"),
  ]);

  it("renders what changed, leaves unchanged alone and never touches orphaned entries", () => {
    const s = selectEntries(p, { only: undefined, shard: undefined, force: false });
    expect(s.toRender.map((e) => e.id)).toEqual(["hero-home", "product-1", "product-2"]);
    expect(s.unchanged.map((e) => e.id)).toEqual(["hero-about"]);
    expect(s.excluded).toEqual([]);
  });

  it("--force renders unchanged entries too", () => {
    const s = selectEntries(p, { only: undefined, shard: undefined, force: true });
    expect(s.toRender.map((e) => e.id)).toContain("hero-about");
    expect(s.toRender.map((e) => e.id)).not.toContain("gone");
  });

  it("--only narrows by id glob", () => {
    const s = selectEntries(p, { only: ["hero-*"], shard: undefined, force: false });
    expect(s.toRender.map((e) => e.id)).toEqual(["hero-home"]);
    expect(s.unchanged.map((e) => e.id)).toEqual(["hero-about"]);
    expect(s.excluded.map((e) => e.id)).toEqual(["product-1", "product-2"]);
  });

  it("--shard splits the assets disjointly and completely", () => {
    const many = plan(Array.from({ length: 500 }, (_, i) => entry(`asset-${i}`, "new")));
    const seen = new Map<string, number>();
    for (let index = 1; index <= 4; index += 1) {
      const s = selectEntries(many, { only: undefined, shard: { index, total: 4 }, force: false });
      expect(s.toRender.length).toBeGreaterThan(80);
      for (const e of s.toRender) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    }
    expect(seen.size).toBe(500);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("globMatcher", () => {
  it("matches * as any run, everything else literally, anchored, comma-separated", () => {
    const m = globMatcher("product-*, hero.home");
    expect(m("product-42")).toBe(true);
    expect(m("hero.home")).toBe(true);
    expect(m("heroxhome")).toBe(false);
    expect(m("my-product-42")).toBe(false);
  });
});

describe("parseShard / shardOf", () => {
  it("parses I/N and refuses nonsense", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, total: 4 });
    expect(typeof parseShard("0/4")).toBe("string");
    expect(typeof parseShard("5/4")).toBe("string");
    expect(typeof parseShard("x")).toBe("string");
  });

  it("keeps a hash's shard stable", () => {
    expect(shardOf("ff".repeat(32), 1)).toBe(1);
    expect(shardOf("000000000003" + "0".repeat(52), 4)).toBe(4);
  });
});
