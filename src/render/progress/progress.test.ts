import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import type { RenderResult } from "../result.js";
import { createReporter, wantsColor } from "./progress.js";
import { fitToWidth } from "./live.js";

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

const result: RenderResult = {
  assets: [
    {
      id: "hero-home",
      status: "rendered",
      output: "public/hero/home.png",
      hash: "h1",
      durationMs: 4200,
    },
    {
      id: "hero-x",
      status: "failed",
      output: "public/hero/x.png",
      hash: "h2",
      error: "422: prompt refused",
    },
  ],
  counts: { rendered: 1, unchanged: 0, restored: 0, failed: 1, skipped: 0 },
};

describe("progress", () => {
  it("prints one plain line per state change outside a terminal, and names each failure", () => {
    const out = sink();
    const reporter = createReporter({
      stream: out.stream,
      interactive: false,
      color: false,
      now: () => 0,
    });
    reporter.emit({ kind: "start", total: 2, unchanged: 3, excluded: 0 });
    reporter.emit({ kind: "submitted", id: "hero-home", generation: "gen_1" });
    reporter.emit({ kind: "asset", result: result.assets[0]! });
    reporter.emit({ kind: "asset", result: result.assets[1]! });
    reporter.emit({ kind: "finish", result, elapsedMs: 5000 });
    reporter.close();
    const text = out.text();
    expect(text.split("\n")[0]).toBe("Rendering 2 assets (3 unchanged)");
    expect(text).toContain("[1/2] rendered hero-home → public/hero/home.png (4.2 s)");
    expect(text).toContain("[2/2] failed hero-x: 422: prompt refused");
    expect(text).toContain("Failed (1):\n  hero-x (public/hero/x.png): 422: prompt refused");
    expect(text).not.toContain("\u001b[");
  });

  it("writes the lines of many assets to a pipe together, in order, and anything else at once", async () => {
    const out = sink();
    const reporter = createReporter({ stream: out.stream, interactive: false, color: false });
    reporter.emit({ kind: "start", total: 2, unchanged: 0, excluded: 0 });
    reporter.emit({ kind: "submitted", id: "hero-home", generation: "gen_1" });
    reporter.emit({ kind: "asset", result: result.assets[0]! });
    expect(out.text()).toBe("Rendering 2 assets (0 unchanged)\n");
    reporter.emit({ kind: "warning", message: "cache entry ignored" });
    expect(out.text().split("\n").slice(1)).toEqual([
      "[1/2] rendered hero-home → public/hero/home.png (4.2 s)",
      "warning: cache entry ignored",
      "",
    ]);
    reporter.emit({ kind: "asset", result: result.assets[1]! });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(out.text()).toContain("[2/2] failed hero-x: 422: prompt refused\n");
    reporter.close();
  });

  it("redraws a status line in place on a terminal", () => {
    const out = sink();
    let t = 0;
    const reporter = createReporter({
      stream: out.stream,
      interactive: true,
      color: true,
      now: () => t,
    });
    reporter.emit({ kind: "start", total: 2, unchanged: 0, excluded: 0 });
    reporter.emit({ kind: "submitted", id: "hero-home", generation: "gen_1" });
    t = 10_000;
    reporter.emit({ kind: "asset", result: result.assets[0]! });
    reporter.close();
    const text = out.text();
    expect(text).toContain("\r\u001b[2K");
    expect(text).toMatch(/1\/2.* · 0 in flight · 0 failed · 0:10 elapsed · ETA 0:10/);
  });

  it("prints at most one line per finished asset in a pipe: a header, the ends, a summary", () => {
    const out = sink();
    const reporter = createReporter({ stream: out.stream, interactive: false, color: false });
    reporter.emit({
      kind: "start",
      total: 2,
      unchanged: 0,
      excluded: 998,
      excludedBy: "--shard 1/2",
      resuming: ["hero-x"],
    });
    reporter.emit({ kind: "submitted", id: "hero-home", generation: "gen_1" });
    reporter.emit({ kind: "resumed", id: "hero-x", generation: "gen_2" });
    reporter.emit({ kind: "asset", result: result.assets[0]! });
    reporter.emit({ kind: "asset", result: result.assets[1]! });
    reporter.emit({
      kind: "finish",
      result: { ...result, counts: { ...result.counts, skipped: 998 } },
      elapsedMs: 5000,
    });
    reporter.close();
    expect(out.text().split("\n")).toEqual([
      "Rendering 2 assets (0 unchanged, 998 skipped by --shard 1/2); resuming 1 job an interrupted run left in flight, without paying again: hero-x",
      "[1/2] rendered hero-home → public/hero/home.png (4.2 s)",
      "[2/2] failed hero-x: 422: prompt refused",
      "Done: 1 rendered, 0 restored, 0 unchanged, 1 failed, 998 skipped in 5.0 s",
      "Failed (1):",
      "  hero-x (public/hero/x.png): 422: prompt refused",
      "",
    ]);
  });

  it("says why a run stopped once in a pipe, and lists no job the stop ended", () => {
    const out = sink();
    const reporter = createReporter({ stream: out.stream, interactive: false, color: false });
    const reason = "cannot reach the API at http://127.0.0.1:9/v1";
    reporter.emit({ kind: "start", total: 2, unchanged: 0, excluded: 0 });
    reporter.emit({ kind: "stopping", reason });
    const skipped = { ...result.assets[1]!, status: "skipped" as const, error: reason };
    reporter.emit({ kind: "asset", result: skipped });
    reporter.emit({
      kind: "finish",
      result: {
        assets: [skipped],
        counts: { rendered: 0, unchanged: 0, restored: 0, failed: 0, skipped: 2 },
        stopped: reason,
      },
      elapsedMs: 600,
    });
    reporter.close();
    expect(out.text()).toBe(
      [
        "Rendering 2 assets (0 unchanged)",
        `stopping: ${reason}`,
        "Stopped early (why is above); before it stopped: 0 rendered, 0 restored, 0 unchanged, 2 skipped in 0.6 s",
        "",
      ].join("\n"),
    );
  });

  it("after Ctrl-C on a terminal: says what it waits for, shows no ETA, and stops counting", () => {
    const out = sink();
    let t = 0;
    const reporter = createReporter({
      stream: out.stream,
      interactive: true,
      color: false,
      now: () => t,
    });
    reporter.emit({ kind: "start", total: 40, unchanged: 0, excluded: 0 });
    for (const id of ["a", "b", "c"]) reporter.emit({ kind: "submitted", id, generation: id });
    t = 4_000;
    reporter.emit({ kind: "asset", result: { ...result.assets[0]!, id: "a" } });
    expect(out.text()).toMatch(/1\/40 · 2 in flight · 0 failed · 0:04 elapsed · ETA 2:36$/);
    reporter.emit({ kind: "stopping", reason: "interrupted", interrupted: true });
    const stoppedJob = { ...result.assets[1]!, id: "b", status: "skipped" as const };
    reporter.emit({ kind: "asset", result: stoppedJob });
    const screen = out.text();
    const status = screen.slice(screen.lastIndexOf("\r\u001b[2K") + 5);
    expect(status).toBe("1/40 · stopping: waiting for 1 job in flight · 0 failed · 0:04 elapsed");
    expect(screen).not.toContain("skipped b");
    reporter.close();
  });

  it("never prints the API key, whatever message carries it", () => {
    const out = sink();
    const reporter = createReporter({
      stream: out.stream,
      interactive: false,
      color: false,
      secrets: ["sk_live_secret"],
    });
    reporter.emit({ kind: "warning", message: "server echoed Bearer sk_live_secret" });
    expect(out.text()).toBe("warning: server echoed Bearer ***\n");
  });

  it("respects NO_COLOR", () => {
    expect(wantsColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
  });
});

describe("the live status line", () => {
  it("is cut to one less than the terminal's width, colour codes taking no room", () => {
    const line = "\u001b[1m12/50\u001b[22m · 8 in flight · 0 failed · 0:03 elapsed · ETA 0:09";
    const cut = fitToWidth(line, 20);
    // eslint-disable-next-line no-control-regex -- the escape character is what it removes
    expect(cut.replace(/\u001b\[[0-9;]*m/g, "")).toBe("12/50 · 8 in fligh…");
    expect(cut.endsWith("\u001b[0m")).toBe(true);
    expect(fitToWidth("short", 20)).toBe("short");
    expect(fitToWidth(line, undefined)).toBe(line);
  });
});
