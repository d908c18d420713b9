import { describe, expect, it } from "vitest";
import { neutralizeOutsideText } from "./outside-text.js";

/** The lines a GitHub runner would see, and whether any of them is a command. */
function commands(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trimStart().startsWith("::") || line.includes("##["));
}

describe("neutralizeOutsideText", () => {
  it("leaves no line that the runner would take for a workflow command", () => {
    const hostile = [
      "::error file=src/app.js,line=1::forged",
      "refused\n::stop-commands::abc",
      "x\r::add-mask::y",
      "x\r\n  \t::warning::indented",
      "a\u2028::error::ls\u2029::error::ps\u0085::error::nel\v::error::vt\f::error::ff",
      "\u00a0\u3000::error::unicode blanks",
      "any ##[error]v1 form",
      "\u001b[2K\r::error::after an escape",
    ];
    for (const text of hostile) {
      const safe = neutralizeOutsideText(text);
      expect(commands(safe), JSON.stringify(text)).toEqual([]);
    }
  });

  it("keeps ordinary text and its lines as they were", () => {
    const git = "fatal: unable to access 'https://x/': 403\nremote: denied\n\ttab kept";
    expect(neutralizeOutsideText(git)).toBe(git);
    expect(neutralizeOutsideText("a\r\nb\rc")).toBe("a\nb\nc");
    expect(neutralizeOutsideText("::error::x")).toBe("| ::error::x");
    expect(neutralizeOutsideText("a::b")).toBe("a::b");
  });
});
