import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { runCli } from "../../src/cli/run.js";
import type { RenderResult } from "../../src/render/result.js";
import { captureStream, someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

let emulator: Emulator;
let repo: TestRepo;

beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 20, maxMs: 80 } },
  });
});
afterEach(async () => {
  await emulator.close();
  await repo?.remove();
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(["render", ...args], {
    stdout,
    stderr,
    cwd: repo.dir,
    env: {
      AGENTFRAMER_API_URL: emulator.apiUrl,
      AGENTFRAMER_API_KEY: TEST_KEY,
      CI: "1",
      ...env,
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("agentframer render", () => {
  it("--json prints the result document on stdout and progress on stderr; the key goes nowhere", async () => {
    repo = await TestRepo.create(someAssets(4));
    const run = await cli(["--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RenderResult;
    expect(result.counts).toMatchObject({ rendered: 4, failed: 0 });
    expect(result.assets.map((a) => [a.id, a.status])).toEqual(
      ["asset-0", "asset-1", "asset-2", "asset-3"].map((id) => [id, "rendered"]),
    );
    expect(run.stderr).toMatch(/\[4\/4\] rendered asset-\d → public\/asset\/\d\.png/);
    expect(run.stderr).toMatch(/Done: 4 rendered/);

    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(false);
    expect(run.stdout + run.stderr).not.toContain(TEST_KEY);
    for (const file of await repo.files()) {
      expect((await readFile(repo.path(file), "latin1")).includes(TEST_KEY), file).toBe(false);
    }
  });

  it("without AGENTFRAMER_API_KEY exits 2, says how to set it or use --emulator, and submits nothing", async () => {
    repo = await TestRepo.create(someAssets(2));
    const run = await cli([], { AGENTFRAMER_API_KEY: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/AGENTFRAMER_API_KEY is not set/);
    expect(run.stderr).toMatch(/--emulator/);
    expect(emulator.ledger.requests.create).toBe(0);
  });

  it("--emulator renders offline with no key at all", async () => {
    repo = await TestRepo.create(someAssets(2));
    const run = await cli(["--emulator"], { AGENTFRAMER_API_KEY: "", AGENTFRAMER_API_URL: "" });
    expect(run.code, run.stderr).toBe(0);
    expect(await repo.exists("public/asset/1.png")).toBe(true);
    expect(emulator.ledger.requests.create).toBe(0);
  });

  it("exits 1 when an asset fails, naming it and why in the summary", async () => {
    repo = await TestRepo.create([
      ...someAssets(2),
      // A param the manifest does not check (a warning), which the emulator refuses with a 400.
      { id: "too-wide", prompt: "x", output: "public/wide.png", params: { bytes: -1 } },
    ]);
    const run = await cli([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Failed \(1\):\n {2}too-wide \(public\/wide\.png\): .*400/);
    expect(Object.keys((await repo.lock()).assets).sort()).toEqual(["asset-0", "asset-1"]);
  });

  it("exits 3 past --max-jobs and 2 on a bad flag, before any request", async () => {
    repo = await TestRepo.create(someAssets(3));
    const over = await cli(["--max-jobs", "1"]);
    expect(over.code).toBe(3);
    expect(over.stderr).toMatch(/more than --max-jobs 1/);
    const bad = await cli(["--shard", "4/3"]);
    expect(bad.code).toBe(2);
    const plain = await cli(["--api-url", "http://example.com/v1"]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/https/);
    expect(emulator.ledger.requests.create).toBe(0);
  });

  it("agentframer emulator refuses a bad --port with exit 2", async () => {
    repo = await TestRepo.create([]);
    const stderr = captureStream();
    const code = await runCli(["emulator", "--port", "http"], {
      stdout: captureStream(),
      stderr,
      cwd: repo.dir,
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr.text()).toMatch(/--port takes a port number/);
  });

  it("exits 3 when the API refuses the key, with nothing recorded as rendered", async () => {
    repo = await TestRepo.create(someAssets(3));
    const run = await cli([], { AGENTFRAMER_API_KEY: "sk_wrong_key_123456" });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/refused the key/);
    expect(run.stderr).not.toContain("sk_wrong_key_123456");
    expect(await repo.exists("agentframer.lock")).toBe(false);
  });
});
