import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaText } from "./commands/schema.js";
import { runIn } from "../../test/support/run-cli.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COMMITTED = resolve(ROOT, "schema/agentframer.schema.json");
const QUICKSTART = resolve(ROOT, "examples/quickstart/agentframer.yml");

describe("agentframer schema", () => {
  it("prints a JSON Schema document", async () => {
    const { code, stdout } = await runIn(ROOT, ["schema"]);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as Record<string, unknown>;
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(JSON.stringify(schema)).toContain('"assets"');
  });

  // Compared as JSON, not bytes: the committed copy is formatted by prettier like every file.
  it("matches the committed schema/agentframer.schema.json", async () => {
    const committed = JSON.parse(await readFile(COMMITTED, "utf8")) as unknown;
    expect(committed, "regenerate: agentframer schema > schema/agentframer.schema.json").toEqual(
      JSON.parse(await schemaText()),
    );
  });
});

describe("the quickstart", () => {
  it("is a valid manifest", async () => {
    const { code, stdout, stderr } = await runIn(ROOT, ["validate", QUICKSTART]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("examples/quickstart/agentframer.yml: OK, 7 assets\n");
  });

  it("points editors at the committed schema", async () => {
    const first = (await readFile(QUICKSTART, "utf8")).split("\n")[0] ?? "";
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(existsSync(resolve(dirname(QUICKSTART), match?.[1] ?? ""))).toBe(true);
  });
});
