import { describe, expect, it } from "vitest";
import { encodePath, escapeInline, safeUrl } from "./markdown-escape.js";

describe("escapeInline", () => {
  it("turns HTML into inert text", () => {
    const out = escapeInline('<img src=x onerror="alert(1)"><script>x</script>&amp;');
    expect(out).not.toMatch(/[<>"]/);
    expect(out).toContain("&lt;img src=x onerror=&quot;alert\\(1\\)&quot;&gt;");
    expect(out).toContain("&amp;amp;");
    expect(escapeInline("it's #1")).toBe("it&#39;s #\u20601");
  });

  it("breaks markdown links, images, autolinks and emphasis", () => {
    const out = escapeInline(
      "![pwn](https://evil.test/x.png) [click](javascript:alert(1)) **b** www.evil.test",
    );
    expect(out).toBe(
      "\\!\\[pwn\\]\\(https\\://evil\\.test/x\\.png\\) \\[click\\]\\(javascript\\:alert\\(1\\)\\) " +
        "\\*\\*b\\*\\* www\\.evil\\.test",
    );
  });

  it("stops @-mentions, team mentions and issue references from notifying anyone", () => {
    expect(escapeInline("see #12 and org/repo#3, not #tag")).toBe(
      "see #\u206012 and org/repo#\u20603, not #tag",
    );
    const out = escapeInline("ping @octocat and @org/team");
    expect(out).not.toMatch(/@[a-z]/i);
    expect(out).toBe("ping @\u2060octocat and @\u2060org/team");
  });

  it("keeps one line and one table cell: newlines collapse, pipes are escaped", () => {
    expect(escapeInline("a\n\n| b |\r\n# c")).toBe("a \\| b \\| # c");
  });

  it("drops control characters and bidi overrides", () => {
    expect(escapeInline("safe\u0000\u001b[31m\u202eevil\u2066")).toBe("safe \\[31m evil");
  });

  it("truncates long text without splitting a surrogate pair", () => {
    const out = escapeInline("🎨".repeat(300), 10);
    expect(out).toBe(`${"🎨".repeat(10)}…`);
  });
});

describe("safeUrl", () => {
  it("accepts http(s) and makes it safe inside an attribute in a table cell", () => {
    expect(safeUrl('https://cdn.test/a|b"c.png?x=1&y=2')).toBe(
      "https://cdn.test/a%7Cb%22c.png?x=1&amp;y=2",
    );
  });

  it("refuses other schemes and garbage", () => {
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("data:image/png;base64,AAAA")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});

describe("encodePath", () => {
  it("encodes each segment", () => {
    expect(encodePath("public/a b/#1.png")).toBe("public/a%20b/%231.png");
  });
});
