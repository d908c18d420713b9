import { describe, expect, it } from "vitest";
import { listFiles } from "../../test/support/temp-repo.js";
import { runIn } from "../../test/support/run-cli.js";
import { MANIFEST, put, workspace } from "../../test/support/workspace.js";

describe("agentframer validate", () => {
  it("prints one OK line and exits 0", async () => {
    const dir = await workspace();
    const { code, stdout, stderr } = await runIn(dir, ["validate"]);
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: "agentframer.yml: OK, 4 assets\n",
      stderr: "",
    });
  });

  it("reads MANIFEST relative to the working folder", async () => {
    const dir = await workspace();
    await put(
      dir,
      "site/agentframer.yml",
      MANIFEST.replace("data/products.csv", "../data/products.csv"),
    );
    const { stdout } = await runIn(dir, ["validate", "site/agentframer.yml"]);
    expect(stdout).toBe("site/agentframer.yml: OK, 4 assets\n");
  });

  it("lists every problem as FILE:LINE:COL and exits 2", async () => {
    const dir = await workspace(
      MANIFEST.replace("    output: public/hero.png", "    output: public/hero.mp3").replace(
        "{{name}}",
        "{{nmae}}",
      ),
    );
    const { code, stdout, stderr } = await runIn(dir, ["validate"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1).every((l) => /^\S*agentframer\.yml:\d+:\d+: /.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    // validate never writes, so it does not say "nothing was written".
    expect(lines.at(-1)).toMatch(/^\d+ problems in the manifest\.$/);
    expect(await listFiles(dir)).toEqual(["agentframer.yml", "data/products.csv"]);
  });
});
