import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { listFiles, tempRepo } from "../../test/support/temp-repo.js";
import { commands } from "./run.js";
import { runIn } from "../../test/support/run-cli.js";

const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("agentframer (program)", () => {
  it("prints the package version", async () => {
    for (const flag of ["--version", "-V"]) {
      expect(await runIn(".", [flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    }
  });

  it("lists every registered command in --help", async () => {
    const { code, stdout } = await runIn(".", ["--help"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    for (const c of commands()) {
      expect(lines.some((l) => l.startsWith(`  ${c.name} `) && l.endsWith(`  ${c.summary}`))).toBe(
        true,
      );
    }
    expect(stdout).toContain("Exit codes:");
  });

  it("has --help for every command, on stdout, exit 0, without running it", async () => {
    const dir = await tempRepo();
    for (const c of commands()) {
      for (const argv of [
        [c.name, "--help"],
        [c.name, "-h"],
        ["help", c.name],
      ]) {
        const { code, stdout, stderr } = await runIn(dir, argv);
        expect(code).toBe(0);
        expect(stderr).toBe("");
        expect(stdout).toMatch(new RegExp(`^Usage: agentframer ${c.name}`));
        expect(stdout).toContain("-h, --help");
      }
    }
    expect(await listFiles(dir)).toEqual([]);
  });

  it.each([
    [[], /Usage: agentframer <command>/],
    [["frobnicate"], /unknown command "frobnicate"; commands: .*plan/],
    [["--json"], /unknown option --json; options go after the command/],
    [
      ["plan", "--jsn"],
      /Unknown option '--jsn'\nUsage: agentframer plan \[MANIFEST\] .*\[--json\]\nRun 'agentframer plan --help'/,
    ],
    [["plan", "a.yml", "b.yml"], /unexpected argument: b\.yml/],
    [["validate", "--jsn"], /Unknown option '--jsn'/],
    [["schema", "extra"], /unexpected argument: extra/],
  ])("is a usage error, exit 2, for %j", async (argv, message) => {
    const dir = await tempRepo();
    const { code, stdout, stderr } = await runIn(dir, argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(await listFiles(dir)).toEqual([]);
  });
});
