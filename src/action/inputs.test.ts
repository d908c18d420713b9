import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { InputDefaults, Inputs, Outputs } from "./constants.js";
import { readSettings } from "./inputs.js";

const workspace = "/home/runner/work/media/media";
const read = (inputs: Record<string, string>) =>
  readSettings((name) => inputs[name] ?? "", workspace);

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}
const actionYml = parse(
  readFileSync(new URL("../../action.yml", import.meta.url), "utf8"),
) as ActionYml;

describe("action.yml", () => {
  it("runs the bundle on node24", () => {
    expect(actionYml.runs).toEqual({ using: "node24", main: "dist/action/index.js" });
  });

  it("declares every input and output the code reads, each described, with the code's defaults", () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual(Object.values(Inputs).sort());
    expect(Object.keys(actionYml.outputs).sort()).toEqual(Object.values(Outputs).sort());
    for (const [name, input] of Object.entries(actionYml.inputs)) {
      expect(input.description, name).toBeTruthy();
      if (name === Inputs.GithubToken) expect(input.default).toBe("${{ github.token }}");
      else expect(input.default, name).toBe(InputDefaults[name as keyof typeof InputDefaults]);
    }
  });
});

describe("readSettings", () => {
  it("fills the defaults a run outside the runner does not get", () => {
    const s = read({});
    expect(s.config).toEqual({
      manifestPath: `${workspace}/agentframer.yml`,
      apiUrl: "https://api.agentframer.com/v1",
      apiKey: undefined,
      emulator: false,
      concurrency: 8,
      only: undefined,
      force: false,
      maxJobs: undefined,
      shard: undefined,
    });
    expect(s.publish).toEqual({
      mode: "auto",
      githubToken: undefined,
      commitMessage: "chore(media): render assets with agentframer",
      failOnError: true,
      pullRequest: undefined,
    });
    expect(s.cache).toBe(true);
    expect(s.manifest).toBe("agentframer.yml");
  });

  it("reads every input", () => {
    const s = read({
      manifest: "site/media.yml",
      "api-key": "  key  ",
      "api-url": "http://127.0.0.1:4000/v1/",
      publish: "comment",
      "github-token": "ghs_x",
      concurrency: "64",
      "max-jobs": "0",
      cache: "False",
      shard: "2/4",
      "commit-message": "media: refresh",
      "fail-on-error": "FALSE",
      "pull-request": "12",
    });
    expect(s.manifest).toBe("site/media.yml");
    expect(s.config).toMatchObject({
      apiKey: "key",
      apiUrl: "http://127.0.0.1:4000/v1",
      concurrency: 64,
      maxJobs: 0,
      shard: { index: 2, total: 4 },
    });
    expect(s.publish).toEqual({
      mode: "comment",
      githubToken: "ghs_x",
      commitMessage: "media: refresh",
      failOnError: false,
      pullRequest: 12,
    });
    expect(s.cache).toBe(false);
  });

  it.each([
    [{ concurrency: "abc" }, "Input 'concurrency' must be a whole number from 1 to 64, got 'abc'"],
    [{ concurrency: "0" }, "Input 'concurrency' must be a whole number from 1 to 64, got '0'"],
    [{ concurrency: "65" }, "Input 'concurrency' must be a whole number from 1 to 64, got '65'"],
    [{ concurrency: "2.5" }, "Input 'concurrency' must be a whole number from 1 to 64, got '2.5'"],
    [{ "max-jobs": "-1" }, "Input 'max-jobs' must be a whole number of at least 0, got '-1'"],
    [
      { shard: "3/2" },
      "Input 'shard' must be I/N with whole numbers 1 <= I <= N (e.g. 2/4), got '3/2'",
    ],
    [
      { shard: "0/2" },
      "Input 'shard' must be I/N with whole numbers 1 <= I <= N (e.g. 2/4), got '0/2'",
    ],
    [{ publish: "push" }, "Input 'publish' must be one of auto, commit, comment, none, got 'push'"],
    [{ cache: "yes" }, "Input 'cache' must be true or false, got 'yes'"],
    [{ "fail-on-error": "1" }, "Input 'fail-on-error' must be true or false, got '1'"],
    [{ "api-url": "ftp://x" }, "Input 'api-url' must be an http(s) URL, got 'ftp://x'"],
    [
      { "api-url": "http://api.example.com/v1" },
      "Input 'api-url' must use https (plain http only on loopback), got 'http://api.example.com'",
    ],
    [
      { manifest: "../other/agentframer.yml" },
      "Input 'manifest' must be a file inside the workspace, got '../other/agentframer.yml'",
    ],
    [
      { "pull-request": "#12" },
      "Input 'pull-request' must be a whole number of at least 1, got '#12'",
    ],
  ])("refuses %j with an exact message", (inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });
});
