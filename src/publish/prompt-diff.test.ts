import { describe, expect, it } from "vitest";
import { promptDiff } from "./prompt-diff.js";

describe("promptDiff", () => {
  it("marks removed and added words", () => {
    expect(promptDiff("A cozy reading nook in morning light", "A cozy reading nook at dusk")).toBe(
      "A cozy reading nook <del>in morning light</del> <ins>at dusk</ins>",
    );
  });

  it("escapes the words it shows", () => {
    expect(promptDiff("a photo", "a <b>photo</b> @octocat")).toBe(
      "a <del>photo</del> <ins>&lt;b&gt;photo&lt;/b&gt; @\u2060octocat</ins>",
    );
  });

  it("shows nothing when only whitespace changed, or the prompts are long", () => {
    expect(promptDiff("a  b\nc", "a b c")).toBeUndefined();
    expect(promptDiff("w ".repeat(200), "x ".repeat(200))).toBeUndefined();
  });
});
