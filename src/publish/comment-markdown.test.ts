import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT, renderMarkdown } from "./comment-markdown.js";
import { commentMarker } from "./comment.js";
import { buildReport, type ReportLinks } from "./report.js";
import type { AssetResult } from "../render/result.js";
import { asset, planEntry, planOf, resultOf } from "../../test/support/publish-fixtures.js";

const links: ReportLinks = {
  serverUrl: "https://github.com",
  owner: "octo",
  repo: "media",
  beforeSha: "abc123",
  headSha: "fedcba9876543210fedcba9876543210fedcba98",
  runUrl: "https://github.com/octo/media/actions/runs/77",
};
const marker = commentMarker("site/agentframer.yml");
const options = { limit: COMMENT_LIMIT, marker, overflowHint: "see the job summary" };

describe("renderMarkdown for a PR comment", () => {
  const fresh = asset("hero-home");
  const edited = asset("hero-about", { prompt: "A sunny office", model: "flux-dev" });
  const broken = asset("hero-team");
  const same = asset("logo");
  const plan = planOf([
    planEntry(fresh, "new"),
    planEntry(edited, "changed", { changedFields: ["prompt", "model"] }),
    planEntry(broken, "new"),
    planEntry(same, "unchanged"),
  ]);
  const result = resultOf([
    {
      id: "hero-home",
      status: "rendered",
      output: fresh.output,
      hash: "h1",
      generation: "gen_1",
      stored: { commit: "5702e", path: "a1/a1b2.png" },
      durationMs: 1234,
    },
    {
      id: "hero-about",
      status: "rendered",
      output: edited.output,
      hash: "h2",
      generation: "gen_2",
      stored: { commit: "5702e", path: "c3/c3d4.png" },
      durationMs: 450,
    },
    {
      id: "hero-team",
      status: "failed",
      output: broken.output,
      hash: "h3",
      error: "the API refused the prompt (HTTP 422): content policy",
    },
    { id: "logo", status: "unchanged", output: same.output, hash: "h4" },
  ]);
  const text = renderMarkdown(
    buildReport({ manifest: "site/agentframer.yml", plan, result, links }),
    options,
  );

  it("starts with the hidden marker and counts that say what happened and what it took", () => {
    expect(text.split("\n")[0]).toBe("<!-- agentframer-render: site/agentframer.yml -->");
    expect(text).toContain("\n**2 new renders** (2 jobs) · ❌ **1 failed** · 1 unchanged\n");
  });

  it("says what to do next: fix the failed asset at FILE:LINE, then push", () => {
    const line = plan.entries.find((e) => e.id === "hero-team")!.asset!.source.line;
    expect(text).toContain(
      `\n**Next:** fix <code>hero-team</code> at <a href="https://github.com/octo/media/blob/fedcba9876543210fedcba9876543210fedcba98/site/agentframer.yml#L${line}"><code>site/agentframer\\.yml\\:${line}</code></a> (the reason is under Failed), then push; a failure on the server's side needs only a re-run of this job. The 2 renders that finished are kept and will not be paid for again.\n`,
    );
  });

  it("shows a new asset: no before, then its render from the store branch, 280 px wide", () => {
    const row = text.split("\n").find((l) => l.includes("<code>hero-home</code>"));
    expect(row).toBe(
      "| <code>hero-home</code><br>✅ new render<br><sub>site/public/hero-home\\.png</sub><br><sub>A picture of hero-home</sub> | " +
        "— | " +
        '<a href="https://github.com/octo/media/blob/5702e/a1/a1b2.png?raw=true"><img src="https://github.com/octo/media/blob/5702e/a1/a1b2.png?raw=true" width="280" alt="after"></a> |',
    );
  });

  it("names the head commit and links the run", () => {
    expect(text).toContain(
      '\nRendered at <a href="https://github.com/octo/media/commit/fedcba9876543210fedcba9876543210fedcba98"><code>fedcba9</code></a> · <a href="https://github.com/octo/media/actions/runs/77">workflow run and its log</a>\n',
    );
  });

  it("shows a changed asset before (as committed) then after, and which fields changed", () => {
    const row = text.split("\n").find((l) => l.includes("<code>hero-about</code>"))!;
    expect(row).toContain(
      "| <code>hero-about</code><br>✅ rendered again: prompt, model changed<br>",
    );
    const before = row.indexOf(
      '<img src="https://github.com/octo/media/blob/abc123/site/public/hero-about.png?raw=true" width="280" alt="before">',
    );
    const after = row.indexOf(
      '<img src="https://github.com/octo/media/blob/5702e/c3/c3d4.png?raw=true" width="280" alt="after">',
    );
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
    expect(row).toContain("<br><sub>A sunny office</sub>");
  });

  it("lists failures first, open, with their reasons and the manifest line", () => {
    expect(text.indexOf("#### Failed (1)")).toBeLessThan(text.indexOf("Renders (2)"));
    const line = plan.entries.find((e) => e.id === "hero-team")!.asset!.source.line;
    expect(text).toContain(
      `| <code>hero-team</code><br><sub>site/public/hero-team\\.png</sub><br><sub>declared at <a href="https://github.com/octo/media/blob/fedcba9876543210fedcba9876543210fedcba98/site/agentframer.yml#L${line}"><code>site/agentframer\\.yml\\:${line}</code></a></sub> | the API refused the prompt \\(HTTP 422\\)\\: content policy |`,
    );
  });

  it("folds unchanged assets away", () => {
    expect(text).toMatch(
      /<details><summary>Unchanged and skipped \(1\)<\/summary>[\s\S]*<code>logo<\/code>[\s\S]*<\/details>/,
    );
  });
});

describe("the Before cell", () => {
  const image = asset("hero");
  const clip = asset("clip", { type: "video", output: "public/clip.mp4" });
  const jingle = asset("jingle", { type: "audio", output: "public/jingle.wav" });
  const plan = planOf([
    planEntry(image, "changed", { changedFields: ["prompt"] }),
    planEntry(clip, "changed", { changedFields: ["prompt"] }),
    planEntry(jingle, "changed", { changedFields: ["prompt"] }),
  ]);
  const shown = (path: string, width: number, height: number, size: number) => ({
    commit: "9a9a9a",
    path: "ol/old.png",
    preview: { path, width, height, size },
  });
  const rendered = (a: typeof image, before?: AssetResult["before"]): AssetResult => ({
    id: a.id,
    status: "rendered",
    output: a.output,
    hash: `new-${a.id}`,
    stored: { commit: "5702e", path: `ne/new-${a.id}` },
    ...(before ? { before } : {}),
  });
  const rowOf = (result: AssetResult, id: string): string => {
    const text = renderMarkdown(
      buildReport({ manifest: "agentframer.yml", plan, result: resultOf([result]), links }),
      options,
    );
    return text.split("\n").find((l) => l.includes(`<code>${id}</code>`))!;
  };
  const beforeOf = (row: string): string => row.split(" | ")[1]!;

  it("shows the previous render's store preview, linking to the committed file", () => {
    const before = {
      hash: "old-hero",
      type: "image" as const,
      stored: shown("ol/old-hero.preview.webp", 560, 560, 31_234),
    };
    expect(beforeOf(rowOf(rendered(image, before), "hero"))).toBe(
      '<a href="https://github.com/octo/media/blob/abc123/public/hero.png?raw=true">' +
        '<img src="https://github.com/octo/media/blob/9a9a9a/ol/old-hero.preview.webp?raw=true" width="280" alt="before"></a>' +
        '<br><sub><a href="https://github.com/octo/media/blob/abc123/public/hero.png?raw=true">full size</a></sub>',
    );
  });

  it("shows a video's poster and an audio file's waveform with their lengths", () => {
    const video = {
      hash: "old-clip",
      type: "video" as const,
      stored: shown("ol/old-clip.preview.webp", 560, 315, 12_000),
      durationSeconds: 4,
    };
    const clipCell = beforeOf(rowOf(rendered(clip, video), "clip"));
    expect(clipCell).toContain(
      '<img src="https://github.com/octo/media/blob/9a9a9a/ol/old-clip.preview.webp?raw=true" width="280" alt="before (poster frame)">',
    );
    expect(clipCell).toContain(
      '▶️ 4.0 s · <a href="https://github.com/octo/media/blob/abc123/public/clip.mp4?raw=true">play video</a>',
    );
    const audio = {
      hash: "old-jingle",
      type: "audio" as const,
      stored: shown("ol/old-jingle.preview.webp", 560, 120, 4_000),
      durationSeconds: 3,
    };
    const jingleCell = beforeOf(rowOf(rendered(jingle, audio), "jingle"));
    expect(jingleCell).toContain('alt="before (waveform)"');
    expect(jingleCell).toContain("🔊 3.0 s · ");
  });

  it("without a checked preview, shows the committed file as before", () => {
    expect(beforeOf(rowOf(rendered(image), "hero"))).toBe(
      '<a href="https://github.com/octo/media/blob/abc123/public/hero.png?raw=true">' +
        '<img src="https://github.com/octo/media/blob/abc123/public/hero.png?raw=true" width="280" alt="before"></a>',
    );
    expect(beforeOf(rowOf(rendered(clip), "clip"))).toBe(
      '<a href="https://github.com/octo/media/blob/abc123/public/clip.mp4?raw=true">▶️ before (video)</a>',
    );
  });

  it("never links a preview whose location is not a plain store path", () => {
    const before = {
      hash: "old-hero",
      type: "image" as const,
      stored: shown('x" onerror="alert(1)', 560, 560, 10),
    };
    const cell = beforeOf(rowOf(rendered(image, before), "hero"));
    expect(cell).not.toContain('" onerror="');
  });
});

describe("renderMarkdown with the base commit's prompts", () => {
  it("shows a word diff of a changed prompt", () => {
    const a = asset("hero", { prompt: "A reading nook at dusk" });
    const plan = planOf([planEntry(a, "changed", { changedFields: ["prompt"] })]);
    const result = resultOf([{ id: "hero", status: "rendered", output: a.output, hash: "h" }]);
    const previousPrompts = new Map([["hero", "A reading nook in morning light"]]);
    const text = renderMarkdown(
      buildReport({ manifest: "agentframer.yml", plan, result, links, previousPrompts }),
      options,
    );
    expect(text).toContain(
      "✅ rendered again: prompt changed<br><sub>public/hero\\.png</sub><br><sub>A reading nook <del>in morning light</del> <ins>at dusk</ins></sub> |",
    );
  });
});

describe("renderMarkdown when nothing was rendered", () => {
  it("shows the plan, and says nothing was spent", () => {
    const a = asset("a");
    const b = asset("b");
    const plan = planOf([
      planEntry(a, "new"),
      planEntry(b, "changed", { changedFields: ["params"] }),
    ]);
    const text = renderMarkdown(
      buildReport({ manifest: "agentframer.yml", plan, result: undefined, links }),
      options,
    );
    expect(text).toContain("\n**2 to render** (1 new, 1 changed)\n");
    expect(text).toContain("Plan only: nothing was submitted, nothing was spent.");
    expect(text).toContain(
      "\n**Next:** the note above says why this run only planned, and how to render.\n",
    );
    expect(text).toContain("\nPlanned at <a ");
    expect(text).toContain("Would render (2)");
    expect(text).toContain("| <code>a</code><br>🆕 new: would render<br>");
    expect(text).toContain("| <code>b</code><br>✏️ would render again: params changed<br>");
  });
});

describe("renderMarkdown size limit", () => {
  function bigRun(n: number, status: "rendered" | "failed") {
    const assets = Array.from({ length: n }, (_, i) =>
      asset(`product-${String(i).padStart(5, "0")}-${"x".repeat(60)}`, {
        prompt: `Studio <b>photo</b> of [item](http://x) @everyone ${"long ".repeat(80)}`,
      }),
    );
    const plan = planOf(
      assets.map((a, i) => planEntry(a, i % 2 ? "new" : "changed", { changedFields: ["prompt"] })),
    );
    const result = resultOf(
      assets.map((a) => ({
        id: a.id,
        status,
        output: a.output,
        hash: "h",
        stored: { commit: "c".repeat(40), path: `${"p".repeat(2)}/${"h".repeat(64)}.png` },
        durationMs: 2000,
        ...(status === "failed" ? { error: `boom <${"e".repeat(600)}>` } : {}),
      })),
    );
    return buildReport({ manifest: "agentframer.yml", plan, result, links });
  }

  for (const status of ["rendered", "failed"] as const) {
    it(`stays under 65,536 characters with 5,000 ${status} assets and counts the rest`, () => {
      const text = renderMarkdown(bigRun(5000, status), options);
      expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
      const shown = text.match(/^\| <code>product-/gm)?.length ?? 0;
      expect(shown).toBeGreaterThan(20);
      expect(text).toContain(`**…and ${5000 - shown} more assets — see the job summary.**`);
      // Sections that were opened are closed: the markup stays balanced after the cut.
      expect(text.match(/<details/g)?.length ?? 0).toBe(text.match(/<\/details>/g)?.length ?? 0);
    });
  }

  it("adds no overflow line when everything fits", () => {
    const text = renderMarkdown(bigRun(10, "rendered"), options);
    expect(text).not.toContain("more asset");
    expect(text.match(/<code>product-/g)?.length).toBe(10);
  });
});

describe("renderMarkdown with a hostile prompt and ids", () => {
  it("renders them inert", () => {
    const a = asset("evil-|-<b>", {
      prompt:
        "</sub></td><script>alert(1)</script> ![x](https://evil.test/t.png) [y](https://evil.test) @octocat\n\n## heading\u202e <!-- -->",
      model: "<img src=x>",
    });
    const plan = planOf([planEntry(a, "new")]);
    const result = resultOf([
      {
        id: a.id,
        status: "failed",
        output: "a.png",
        hash: "h",
        error: "<a href='https://evil.test'>@admin</a>",
      },
    ]);
    const text = renderMarkdown(
      buildReport({ manifest: "agentframer.yml", plan, result, links }),
      options,
    );
    for (const bad of [
      "<script",
      "</td>",
      "<b>",
      "<img src=x",
      "](",
      "@octocat",
      "@admin",
      "<a href='",
      "\u202e",
      "<!-- -->",
      "\n## heading",
    ]) {
      expect(text).not.toContain(bad);
    }
    // Every row still has the table's column count: no `|` in the text split a cell.
    const failedRow = text.split("\n").find((l) => l.startsWith("| ") && l.includes("evil-"));
    expect(failedRow?.split(/(?<!\\)\|/).length).toBe(4);
  });
});

describe("renderMarkdown when the run could not write to the store", () => {
  const fresh = asset("hero-home");
  const reused = asset("logo");
  const held = asset("badge");
  const plan = planOf([
    planEntry(fresh, "new"),
    planEntry(reused, "missing"),
    planEntry(held, "missing"),
  ]);
  const docs = "https://github.com/agentframer/render/blob/main/docs/action.md#when-the-store";
  const results = () =>
    resultOf([
      { id: "hero-home", status: "rendered", output: fresh.output, hash: "h1", generation: "g1" },
      { id: "logo", status: "restored", output: reused.output, hash: "h2", generation: "g2" },
      {
        id: "badge",
        status: "restored",
        output: held.output,
        hash: "h3",
        generation: "g3",
        stored: { commit: "5702e", path: "h3/h3.png" },
      },
    ]);
  const draw = (refused: boolean | "s3", pullRequest = true) => {
    const result = results();
    result.store = {
      label: refused === "s3" ? "s3://media/renders" : "git branch agentframer-store of origin",
      restored: 1,
      written: 0,
      error: "the remote refused the push: <img src=x> ::error::forged",
      ...(refused === "s3" ? { refused: "s3" } : refused ? { refused: "git" } : {}),
    };
    return renderMarkdown(
      buildReport({
        manifest: "agentframer.yml",
        plan,
        result,
        links: { ...links, storeDocsUrl: docs },
        pullRequest,
      }),
      options,
    );
  };
  const afterOf = (text: string, id: string) =>
    text
      .split("\n")
      .find((l) => l.includes(`<code>${id}</code>`))
      ?.split(" | ")
      .at(-1);

  it("refused: each render without a store copy says why and what to do, never a bare —", () => {
    const text = draw(true);
    for (const id of ["hero-home", "logo"]) {
      expect(afterOf(text, id)).toBe(
        "<sub>📭 No preview: not in the store, which this run may not write to. Give the job " +
          `<code>permissions: contents: write</code> (<a href="${docs}">how</a>).</sub> |`,
      );
    }
    // A render the store already held keeps its picture.
    expect(afterOf(text, "badge")).toContain('<img src="https://github.com/octo/media/blob/5702e/');
    expect(text).toContain(
      `and merging would render them again ([what to change, and why it is safe](${docs})).`,
    );
    expect(text).toContain(
      "\n**Next:** give this job `permissions: contents: write` in its workflow file: the pull request's next run then keeps its renders in the store, shows them here, and the merge commits them with no new job.\n",
    );
    expect(text).not.toMatch(/Merging commits these exact renders/);
    // The server's words stay in the log: none of them reaches the comment.
    expect(text).not.toContain("forged");
    expect(text).not.toContain("<img src=x>");
  });

  it("refused on a push run: no talk of a merge", () => {
    const text = draw(true, false);
    expect(text).toContain("another branch or run cannot reuse them");
    expect(text).toContain(
      "\n**Next:** give this job `permissions: contents: write` in its workflow file: its next run then keeps what it renders in the store.\n",
    );
    expect(text).not.toMatch(/merg/i);
  });

  it("refused by S3: each render names the credentials' s3:PutObject, not the job's permissions nor a re-run", () => {
    const text = draw("s3");
    for (const id of ["hero-home", "logo"]) {
      expect(afterOf(text, id)).toBe(
        "<sub>📭 No preview: not in the store, whose credentials may read but not write it. Allow " +
          `<code>s3:PutObject</code> on the store's bucket and prefix for them (<a href="${docs}">how</a>).</sub> |`,
      );
    }
    expect(text).toContain(
      "This run may not write to the store (s3\\://media/renders): S3 refused the upload (403), as it does for credentials without `s3:PutObject` on that bucket and prefix. " +
        `So the renders below are not kept there, and merging would render them again ([what to change](${docs})).`,
    );
    expect(text).toContain(
      "\n**Next:** allow `s3:PutObject` on the store's bucket and prefix for the credentials in `AWS_ACCESS_KEY_ID`: the pull request's next run then keeps its renders in the store, and the merge restores them with no new job.\n",
    );
    expect(text).not.toMatch(/contents: write|re-run|Re-run|the push/);
    expect(text).not.toContain("forged");
  });

  it("a failed write (not a refusal) says to re-run, with the same docs link", () => {
    const text = draw(false);
    expect(afterOf(text, "hero-home")).toBe(
      "<sub>📭 No preview: writing to the store failed, so it is not kept there. Re-run this job " +
        `(<a href="${docs}">why</a>).</sub> |`,
    );
    expect(text).toContain("\n**Next:** re-run this job so the store keeps these renders.\n");
    expect(text).not.toContain("permissions: contents: write");
  });
});
