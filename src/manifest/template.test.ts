import { describe, expect, it } from "vitest";
import { compileTemplate, parseTemplate } from "./template.js";

describe("templates", () => {
  it("splits text and {{placeholders}}, trimming names", () => {
    expect(parseTemplate("a {{ x }}-{{y}}")).toEqual({
      source: "a {{ x }}-{{y}}",
      literals: ["a ", "-", ""],
      placeholders: [
        { name: "x", raw: "{{ x }}" },
        { name: "y", raw: "{{y}}" },
      ],
    });
  });

  it("finds a {{ that is never closed", () => {
    expect(parseTemplate("{{a}} and {{b").unclosedAt).toBe(10);
  });

  it("fills rows by column index, with one, two or no placeholders", () => {
    const columns = new Map([
      ["sku", 0],
      ["name", 1],
    ]);
    expect(compileTemplate(parseTemplate("p-{{sku}}"), columns)(["7", "x"])).toBe("p-7");
    expect(compileTemplate(parseTemplate("{{name}}/{{sku}}.png"), columns)(["7", "x"])).toBe(
      "x/7.png",
    );
    expect(compileTemplate(parseTemplate("fixed"), columns)(["7", "x"])).toBe("fixed");
  });
});
