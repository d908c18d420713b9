/**
 * Issue 13, point 9: three things that were accepted and then went wrong on every run.
 * - An output under `.agentframer/` was rendered, then never committed (that folder ignores
 *   itself). Now refused by validation, at its line.
 * - `out/x.png` and `out/x.png/y.png` together passed validation, and one of them failed on every
 *   run after its job was paid for. Now refused at the line of the second, naming the first.
 * - A generation id `..` sent the authenticated status request to `/v1/` (the URL resolves the
 *   dot segment). Now refused as the POST's answer, before any status request.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import { render } from "../../src/render/render.js";
import { TestRepo } from "../support/render-repo.js";
import type { TestAsset } from "../support/render-repo.js";
import { runIn } from "../support/run-cli.js";
import { startScriptedServer } from "../support/scripted-server.js";
import type { ScriptedServer } from "../support/scripted-server.js";
import { QUICK, SECRET, watchedDispatcher } from "../support/reliability/setup.js";

let repo: TestRepo | undefined;
let emulator: Emulator | undefined;
let api: ScriptedServer | undefined;
afterEach(async () => {
  await repo?.remove();
  await emulator?.close();
  await api?.close();
  repo = emulator = api = undefined;
});

async function validateAndRender(assets: TestAsset[]) {
  emulator = await startEmulator({ apiKey: SECRET, durations: QUICK });
  repo = await TestRepo.create(assets);
  const env = { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: SECRET, CI: "1" };
  const validate = await runIn(repo.dir, ["validate"], { env });
  const rendered = await runIn(repo.dir, ["render"], { env });
  return {
    validate,
    rendered,
    files: await repo.files(),
    creates: emulator.ledger.requests.create,
  };
}

describe("refused by validation, before anything is paid for", () => {
  it("an output under .agentframer/", async () => {
    const outcome = await validateAndRender([
      { id: "fine", prompt: "a fine one", output: "public/fine.png" },
      { id: "hidden", prompt: "a hidden one", output: "public/.agentframer/hidden.png" },
    ]);
    for (const run of [outcome.validate, outcome.rendered]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /agentframer\.yml:\d+:\d+: output "public\/\.agentframer\/hidden\.png" is inside \.agentframer\/, the tool's own state/,
      );
    }
    expect(outcome.creates).toBe(0);
    expect(outcome.files).toEqual(["agentframer.yml"]);
  });

  it.each([
    ["the file first", ["out/x.png", "out/x.png/y.png"]],
    ["the folder first", ["out/x.png/y.png", "out/x.png"]],
  ])("a file and a folder at one path (%s)", async (_order, outputs) => {
    const [a = "", b = ""] = outputs;
    const outcome = await validateAndRender([
      { id: "a", prompt: "first", output: a },
      { id: "b", prompt: "second", output: b },
    ]);
    for (const run of [outcome.validate, outcome.rendered]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `agentframer\\.yml:\\d+:\\d+: output "${b.replace(/\./g, "\\.")}" .*"${a.replace(/\./g, "\\.")}" of asset "a" \\(.*agentframer\\.yml:\\d+:\\d+\\).*; a path cannot be both`,
        ),
      );
    }
    expect(outcome.creates).toBe(0);
    expect(outcome.files).toEqual(["agentframer.yml"]);
  });
});

describe("a generation id of '..'", () => {
  it("is refused as the POST's answer: no status request goes anywhere but /v1/generations/", async () => {
    api = await startScriptedServer((req) =>
      req.method === "POST"
        ? { status: 201, body: { id: ".." } }
        : { body: { id: "..", status: "succeeded", url: "http://127.0.0.1:9/x.png" } },
    );
    repo = await TestRepo.create([{ id: "dots", prompt: "dots", output: "public/dots.png" }]);
    const result = await render(
      repo.config({ apiKey: SECRET, emulator: false, apiUrl: `${api.origin}/v1` }),
      { createDispatcher: watchedDispatcher().createDispatcher },
    );
    expect(result.assets[0]?.status).toBe("failed");
    expect(result.assets[0]?.error).toMatch(/not a plausible generation id/);
    // The one GET is the price list, read before any job; no status request follows the id.
    const gets = api.requests.filter((r) => r.method === "GET").map((r) => r.path);
    expect(gets).toEqual(["/v1/models"]);
    const posts = api.requests.filter((r) => r.method === "POST");
    expect(posts.every((r) => r.path === "/v1/generations")).toBe(true);
  });
});
