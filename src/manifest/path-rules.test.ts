import { describe, expect, it } from "vitest";
import { checkRepoPath, extensionProblem, manifestFolder } from "./path-rules.js";

const atRoot = manifestFolder([]);
const inConfig = manifestFolder(["config"]);

describe("checkRepoPath", () => {
  it.each([
    ["public/a.png", "public/a.png", "public/a.png"],
    ["./public//a.png", "public/a.png", "public/a.png"],
    ["a/b/../c.png", "a/c.png", "a/c.png"],
    ["console.png", "console.png", "console.png"],
    ["ok/.gitignore.png", "ok/.gitignore.png", "ok/.gitignore.png"],
    ["café/ü.png", "café/ü.png", "café/ü.png"],
  ])("accepts %j as %j", (raw, fromManifest, fromRoot) => {
    expect(checkRepoPath(raw, atRoot)).toEqual({ ok: true, path: { fromManifest, fromRoot } });
  });

  it("resolves from the manifest's folder and may climb to the repository root, no further", () => {
    expect(checkRepoPath("../public/a.png", inConfig)).toEqual({
      ok: true,
      path: { fromManifest: "../public/a.png", fromRoot: "public/a.png" },
    });
    expect(checkRepoPath("x.png", inConfig)).toEqual({
      ok: true,
      path: { fromManifest: "x.png", fromRoot: "config/x.png" },
    });
    expect(checkRepoPath("../../a.png", inConfig)).toEqual({
      ok: false,
      problem: "goes outside the repository",
    });
  });

  it.each([
    ["", "is empty"],
    ["a/..", "names a folder; it must name a file"],
    ["/a.png", "is absolute; write it relative to the manifest's folder"],
    ["C:x.png", "is absolute; write it relative to the manifest's folder"],
    ["a\u0007.png", "contains a control character (U+0007)"],
    ["a|b.png", 'contains "|", which Windows does not allow in file names'],
    ["\u2025/x.png", 'contains "\u2025" (U+2025), which looks like ".."; use plain ASCII'],
    ["a\u2215b.png", 'contains "\u2215" (U+2215), which looks like "/"; use plain ASCII'],
    ["a\u3002png", 'contains "\u3002" (U+3002), which looks like "."; use plain ASCII'],
    ["a\u202Egnp.x", "contains an invisible character (U+202E)"],
    ["a\u00A0b.png", 'contains a space other than " " (U+00A0)'],
    ["x/" + "y".repeat(256), "has a name longer than 255 characters"],
    ["a".repeat(1025), "is longer than 1024 characters"],
    ["LPT1.png", 'uses "LPT1.png", a reserved file name on Windows'],
    ["a/GIT~2/x.png", "is inside .git/"],
  ])("refuses %j: %s", (raw, problem) => {
    expect(checkRepoPath(raw, atRoot)).toEqual({ ok: false, problem });
  });

  it("refuses everything when the manifest itself sits under .github/", () => {
    expect(checkRepoPath("a.png", manifestFolder([".github"]))).toEqual({
      ok: false,
      problem: "is inside .github/",
    });
  });
});

describe("extensionProblem", () => {
  it("compares extensions case-insensitively and names what fits", () => {
    expect(extensionProblem("a/B.JPEG", ["png", "jpeg"], "an image")).toBeUndefined();
    expect(extensionProblem("a.b/c", ["png"], "an image")).toBe(
      "has no extension; an image needs .png",
    );
  });
});
