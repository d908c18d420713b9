import { describe, expect, it } from "vitest";
import { AssetRegistry } from "./registry.js";

/** Claims each output in turn (as asset `a<i>`), giving the problem or "ok" for each. */
function claims(outputs: string[]): string[] {
  const registry = new AssetRegistry();
  return outputs.map((output, i) => {
    const origin = registry.origin({ file: "m.yml", line: i + 1, col: 1 });
    return registry.claimOutput(output, output, `a${i}`, origin) ?? "ok";
  });
}

describe("AssetRegistry.claimOutput", () => {
  it("takes files side by side in shared and new folders", () => {
    expect(claims(["p/q/a.png", "p/q/b.png", "p/r/c.png", "p/d.png", "e.png"])).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
    ]);
  });

  it("refuses a folder where a file is, at any depth, past folders already known", () => {
    expect(claims(["p/q/a.png", "p/x", "p/x/y/b.png", "p/q/a.png/c.png"])).toEqual([
      "ok",
      "ok",
      'output "p/x/y/b.png" would put a folder where "p/x" of asset "a1" (m.yml:2:1) is written; a path cannot be both',
      'output "p/q/a.png/c.png" would put a folder where "p/q/a.png" of asset "a0" (m.yml:1:1) is written; a path cannot be both',
    ]);
  });

  it("refuses a file where a folder is, however deep the folder was made", () => {
    expect(claims(["p/q/r/a.png", "p/q", "p", "P/Q/R"])).toEqual([
      "ok",
      'output "p/q" is a folder holding "p/q/r/a.png" of asset "a0" (m.yml:1:1); a path cannot be both',
      'output "p" is a folder holding "p/q/r/a.png" of asset "a0" (m.yml:1:1); a path cannot be both',
      'output "P/Q/R" is a folder holding "p/q/r/a.png" of asset "a0" (m.yml:1:1); a path cannot be both',
    ]);
  });

  it("records no folder for a refused claim: the next claim below the file names the file", () => {
    expect(claims(["x", "x/y/z.png", "x/y"])).toEqual([
      "ok",
      'output "x/y/z.png" would put a folder where "x" of asset "a0" (m.yml:1:1) is written; a path cannot be both',
      'output "x/y" would put a folder where "x" of asset "a0" (m.yml:1:1) is written; a path cannot be both',
    ]);
  });
});
