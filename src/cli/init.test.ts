import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, tempRepo } from "../../test/support/temp-repo.js";
import { runIn } from "../../test/support/run-cli.js";

describe("agentframer init", () => {
  it("writes a starter manifest that validates, and the schema its first line points at", async () => {
    const dir = await tempRepo();
    const { code, stdout } = await runIn(dir, ["init"]);
    expect(code).toBe(0);
    expect(stdout).toContain("wrote agentframer.yml and agentframer.schema.json");
    expect(await listFiles(dir)).toEqual(["agentframer.schema.json", "agentframer.yml"]);
    const manifest = await readFile(join(dir, "agentframer.yml"), "utf8");
    expect(manifest.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=./agentframer.schema.json",
    );
    const schema = JSON.parse(await readFile(join(dir, "agentframer.schema.json"), "utf8"));
    expect(schema.properties).toHaveProperty("assets");
    expect(await runIn(dir, ["validate"])).toMatchObject({ code: 0 });
    const plan = await runIn(dir, ["plan", "--json"]);
    expect(JSON.parse(plan.stdout).assets).toEqual([
      expect.objectContaining({ id: "hero", status: "new", output: "media/hero.png" }),
    ]);
  });

  it("refuses to overwrite an existing manifest, and changes nothing", async () => {
    const dir = await tempRepo();
    await writeFile(join(dir, "agentframer.yml"), "mine\n");
    const { code, stderr } = await runIn(dir, ["init"]);
    expect(code).toBe(2);
    expect(stderr).toContain("agentframer.yml already exists; nothing was written");
    expect(await listFiles(dir)).toEqual(["agentframer.yml"]);
    expect(await readFile(join(dir, "agentframer.yml"), "utf8")).toBe("mine\n");
    expect((await runIn(dir, ["init", "--force"])).code).toBe(0);
    expect(await readFile(join(dir, "agentframer.yml"), "utf8")).toContain("version: 1");
  });
});
