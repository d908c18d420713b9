import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT, renderMarkdown } from "./comment-markdown.js";
import { buildReport, type ReportLinks } from "./report.js";
import { renderSummary } from "./summary.js";
import type { AssetResult, RenderResult } from "../render/result.js";
import { asset, planEntry, planOf, resultOf } from "../../test/support/publish-fixtures.js";

const links: ReportLinks = {
  serverUrl: "https://github.com",
  owner: "octo",
  repo: "media",
  beforeSha: "abc123",
  headSha: "fedcba9876543210fedcba9876543210fedcba98",
  runUrl: "https://github.com/octo/media/actions/runs/77",
};
const options = { limit: COMMENT_LIMIT, overflowHint: "see the job summary" };
const STORE = { label: "git:agentframer-store", restored: 0, written: 0 };

const hero = asset("hero");
const logo = asset("logo");
const plan = planOf([planEntry(hero, "new"), planEntry(logo, "changed")]);
const done = (id: string, status: AssetResult["status"], extra: Partial<AssetResult> = {}) => ({
  id,
  status,
  output: `public/${id}.png`,
  hash: `h-${id}`,
  ...extra,
});
const stored = { stored: { commit: "5702e", path: "a1/a1b2.png" } };

function comment(result: RenderResult, pullRequest = true): string {
  return renderMarkdown(
    buildReport({ manifest: "agentframer.yml", plan, result, links, pullRequest }),
    options,
  );
}

/** The lines a reader meets first: the counts and the next step. */
function lead(text: string): [string | undefined, string | undefined] {
  const lines = text.split("\n").filter((l) => l !== "");
  return [lines[1], lines.find((l) => l.startsWith("**Next:**") || l.startsWith("**Done:**"))];
}

describe("the comment's counts and next step, in plain words", () => {
  it("all reused from the store: says so, 0 new jobs, and that merging commits these exact renders", () => {
    const result = {
      ...resultOf([done("hero", "restored", stored), done("logo", "restored", stored)]),
      store: STORE,
    };
    expect(lead(comment(result))).toEqual([
      "**2 renders**, all reused from an earlier run, 0 new jobs",
      "**Next:** review the renders below. Merging commits these exact renders: the default branch restores them from the store, byte for byte, with no new job.",
    ]);
    expect(comment(result)).not.toMatch(/restored \(|rendered \(|\*\*0\*\* rendered/);
  });

  it("new and reused together: how many of each, and how many jobs", () => {
    const result = {
      ...resultOf([done("hero", "rendered", stored), done("logo", "restored", stored)]),
      store: STORE,
    };
    expect(lead(comment(result))[0]).toBe(
      "**2 renders**: 1 new (1 job), 1 reused from an earlier run (no job)",
    );
    const text = comment(result);
    expect(text).toContain("<br>✅ new render<br>");
    expect(text).toContain("<br>♻️ reused from an earlier run (no job): the request changed<br>");
  });

  it("with credits known, the header and the rows name a reuse with one phrase", () => {
    const credits = {
      estimate: 4,
      spent: 4,
      spentIsEstimate: false,
      unknownModels: [],
      restored: 1,
      restoredFromStore: 1,
      notSpent: 4,
    };
    const result = {
      ...resultOf([done("hero", "rendered", stored), done("logo", "restored", stored)]),
      store: STORE,
      credits,
    };
    const text = comment(result);
    expect(lead(text)[0]).toBe(
      "**1 new render · 4 credits** · 1 reused from an earlier run: 4 credits not spent",
    );
    expect(text).toContain("<br>♻️ reused from an earlier run (no job): the request changed");
    expect(text).not.toMatch(/restored from|\brestored\b/);
    const unknown = comment({ ...result, credits: { ...credits, notSpent: null } });
    expect(lead(unknown)[0]).toBe(
      "**1 new render · 4 credits** · 1 reused from an earlier run: what they would have cost is unknown",
    );
  });

  it("without a store: merging renders them again, and says where to read more", () => {
    const result = resultOf([done("hero", "rendered"), done("logo", "rendered")]);
    expect(lead(comment(result))).toEqual([
      "**2 new renders** (2 jobs)",
      "**Next:** review the renders below. Merging renders them again on the default branch (no store keeps these bytes; see docs/action.md).",
    ]);
  });

  it("several failures: names where each is declared (FILE:LINE), then push", () => {
    const many = [
      hero,
      logo,
      asset("a"),
      asset("b"),
      asset("c", { source: { file: "/repo/data/c.csv", line: 4, col: 1 } }),
    ];
    const failed = many.map((a) => done(a.id, "failed", { error: "HTTP 422" }));
    const text = renderMarkdown(
      buildReport({
        manifest: "agentframer.yml",
        plan: planOf(many.map((a) => planEntry(a, "new"))),
        result: resultOf(failed),
        links,
        pullRequest: true,
        workspace: "/repo",
      }),
      options,
    );
    const [counts, next] = lead(text);
    expect(counts).toBe("**No new renders** · ❌ **5 failed**");
    expect(next).toMatch(
      /^\*\*Next:\*\* fix the 5 failed assets, <code>hero<\/code> at <a href="[^"]+\/agentframer\.yml#L3"><code>agentframer\\\.yml\\:3<\/code><\/a>, <code>logo<\/code> at .*, <code>a<\/code> at .* and 2 more \(reasons under Failed\), then push;/,
    );
    expect(text).toContain(
      '<sub>declared at <a href="https://github.com/octo/media/blob/fedcba9876543210fedcba9876543210fedcba98/data/c.csv#L4"><code>data/c\\.csv\\:4</code></a></sub>',
    );
  });

  it("stopped early: deal with the stop, then re-run; what finished is kept", () => {
    const result = resultOf(
      [done("hero", "rendered", stored), done("logo", "skipped")],
      "credits ran out (HTTP 402)",
    );
    expect(lead(comment(result))[1]).toBe(
      "**Next:** deal with why it stopped (above), then re-run this job. The 1 render that finished is kept and will not be paid for again.",
    );
  });

  it("nothing changed: nothing to review on a PR, done on a push", () => {
    const result = resultOf([done("hero", "unchanged"), done("logo", "unchanged")]);
    expect(lead(comment(result))).toEqual([
      "**No new renders** · 2 unchanged",
      "**Next:** nothing to review here: no asset changed.",
    ]);
    expect(lead(comment(result, false))[1]).toBe(
      "**Done:** every output is in step with the manifest.",
    );
  });
});

describe("the job summary", () => {
  it("carries the same counts, next step and run link as the comment", () => {
    const result = {
      ...resultOf([done("hero", "restored", stored), done("logo", "restored", stored)]),
      store: STORE,
    };
    const text = renderSummary(
      buildReport({ manifest: "agentframer.yml", plan, result, links, pullRequest: true }),
      { links: ["The PR comment: #12"] },
    );
    expect(text).toContain("\n**2 renders**, all reused from an earlier run, 0 new jobs\n");
    expect(text).toContain(
      "\n**Next:** review the renders below. Merging commits these exact renders",
    );
    expect(text).toContain(
      '<a href="https://github.com/octo/media/actions/runs/77">workflow run and its log</a>',
    );
  });
});
