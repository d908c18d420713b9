import { describe, expect, it } from "vitest";
import { DurationModel } from "./duration-model.js";

describe("DurationModel", () => {
  const at = (elapsedMs: number, previousWaitMs = 0) => ({
    kind: "image/k",
    elapsedMs,
    previousWaitMs,
  });

  it("cold: no look at an image before 3 s, then the article's own waits", () => {
    const model = new DurationModel();
    expect(model.plan(at(0))).toBe(3_000);
    expect(model.plan(at(3_000))).toBe(1_500);
    expect(model.plan({ ...at(0), kind: "video/v" })).toBe(15_000);
    expect(model.plan({ ...at(0), kind: "other/x" })).toBe(1_000);
  });

  it("cold: spreads the first wave's first looks over two article waits after the floor", () => {
    const model = new DurationModel();
    const firsts = Array.from({ length: 40 }, () => {
      const track = model.start("image/k");
      return model.plan({ ...at(0), track });
    }).sort((a, b) => a - b);
    expect(firsts[0]).toBe(3_000);
    expect(firsts.at(-1)).toBeLessThan(6_000);
    // Evenly: no gap between two consecutive first looks wider than a fifth of a second.
    const gaps = firsts.slice(1).map((ms, i) => ms - (firsts[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(200);
    // A look before the floor (the Prefer probe at once) does not bring the next one forward.
    const probed = model.start("image/k");
    model.looked(probed, 5);
    expect(model.plan({ ...at(5), track: probed })).toBeGreaterThanOrEqual(3_000 - 5);
  });

  it("reads an end from the looks: between the last two, or only before the first", () => {
    const model = new DurationModel();
    const seen = model.start("image/k");
    model.running("image/k", seen, 4_000);
    model.ended("image/k", seen, 6_000);
    // Seen going at 4 s and done at 6 s: taken at 5 s.
    expect(model.quantile("image/k", 0.5)).toBeCloseTo(5_000, -1);
    // A cold job done at its first look, 5 s, ended after the 3 s floor: taken at 4 s.
    model.ended("image/k", model.start("image/k"), 5_000);
    expect(model.quantile("image/k", 0.25)).toBeCloseTo(4_000, -1);
    // Done at a first look after 20 s says only "before 20 s": it does not move the quickest.
    model.ended("image/k", model.start("image/k"), 20_000);
    expect(model.quantile("image/k", 0.1)).toBeCloseTo(4_000, -1);
    expect(model.sampleCount("image/k")).toBe(3);
  });

  it("tells jobs waiting for a look when a job of the kind ends, while it is learning", async () => {
    const model = new DurationModel();
    let told = false;
    const news = model.news("image/k")?.then(() => (told = true));
    model.record("video/v", 20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toBe(false);
    model.record("image/k", 5_000);
    await news;
    expect(told).toBe(true);
    // After ten ends the schedule moves slowly: each job plans again at its next look.
    for (let i = 0; i < 9; i += 1) model.record("image/k", 5_000);
    expect(model.news("image/k")).toBeUndefined();
  });

  it("warm: first look one target delay after the cohort's quickest, then a constant step", () => {
    const model = new DurationModel();
    const tracks = Array.from({ length: 50 }, () => model.start("image/k"));
    expect(tracks.every((track) => track.cohort)).toBe(true);
    tracks.forEach((track, i) => {
      model.record("image/k", 4_000 + i * 240, track.cohort);
      model.finish("image/k", track);
    });
    expect(model.start("image/k").cohort).toBe(false);
    const target = model.targetDetectionMs("image/k");
    // The article's p95 delay over 4–16 s durations: about 2.4 s.
    expect(target).toBeGreaterThan(2_200);
    expect(target).toBeLessThan(2_700);
    const step = target;
    expect(model.plan(at(0))).toBeCloseTo(4_000 + step);
    expect(model.plan(at(9_000, step))).toBeCloseTo(step);
    // Constant to twice the longest duration seen, only then stretched.
    expect(model.plan(at(30_000, step))).toBeCloseTo(step);
    expect(model.plan(at(34_000, step))).toBeCloseTo(step * 1.5);
  });

  it("counts jobs still running as evidence: the first wave's quick ends set no short step", () => {
    const withEvidence = new DurationModel();
    const without = new DurationModel();
    for (const model of [withEvidence, without]) {
      const tracks = Array.from({ length: 40 }, () => model.start("image/k"));
      for (const ms of [4_000, 4_300, 4_600]) model.record("image/k", ms, true);
      tracks.forEach((track, i) => {
        if (i < 3 || model === without) model.finish("image/k", track);
        else model.running("image/k", track, 9_000);
      });
    }
    // Three quick ends alone: the article's waits at 4–5 s (1.75 s) set the target. With 37 jobs
    // known to run past 9 s, it is the article's p95 delay at that age (0.95 × 2.25 s).
    expect(without.targetDetectionMs("image/k")).toBeLessThan(1_750);
    expect(withEvidence.targetDetectionMs("image/k")).toBeGreaterThanOrEqual(2_100);
  });

  it("shortens waits by the timers' usual lateness, by at most a quarter", () => {
    const model = new DurationModel();
    for (let i = 0; i < 50; i += 1) model.noteTimerLag(200);
    expect(model.lateAdjusted(2_000)).toBeGreaterThan(1_800);
    expect(model.lateAdjusted(2_000)).toBeLessThan(1_850);
    expect(model.lateAdjusted(400)).toBe(300);
  });
});
