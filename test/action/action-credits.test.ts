/**
 * Credits through the built action: the PR comment's cost line, the credits outputs, and the
 * max-credits input and a short balance refusing before any job — against an emulator with the
 * credit endpoints and against one without them (404).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { createGitRemote } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { API_KEY, BASE_MANIFEST } from "./fixtures.js";
import { prEvent, pushEvent, useActionHarness } from "./harness.js";

const h = useActionHarness();
let priced: Emulator;

/** BASE_MANIFEST's two 64 × 64 images and a 3-second clip. */
const MANIFEST = `${BASE_MANIFEST}  - id: clip
    type: video
    model: veo-2
    prompt: Waves at dusk
    output: public/clip.mp4
    params: { duration: 3 }
`;
const PRICES = {
  "flux-1.1-pro": { credits: 4, per: "image" as const },
  "veo-2": { credits: 1.5, per: "second" as const },
};
const ESTIMATE = 4 + 4 + 4.5;

async function startPriced(balance: number): Promise<Emulator> {
  return startEmulator({
    apiKey: API_KEY,
    durations: { image: { minMs: 1, maxMs: 10 }, video: { minMs: 1, maxMs: 10 } },
    credits: { prices: PRICES, balance },
  });
}

beforeAll(async () => {
  priced = await startPriced(1000);
});
afterAll(() => priced?.close());

const charged = (e: Emulator) => e.ledger.jobs().reduce((n, j) => n + (j.credits ?? 0), 0);

describe("the built action and credits", () => {
  it("a PR comment opens with new renders and credits; the outputs say estimate and spent", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": MANIFEST });
    const run = await h.run("pull_request", prEvent(5, h.remote.remoteHead()), {
      "api-url": priced.apiUrl,
      store: "none",
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(charged(priced)).toBe(ESTIMATE);
    expect(run.outputs["credits-estimate"]).toBe(String(ESTIMATE));
    expect(run.outputs["credits-spent"]).toBe(String(charged(priced)));
    const [comment] = h.stub.commentsOn(5);
    expect(comment?.body).toContain("**3 new renders · 12.5 credits**");
    expect(comment?.body).toMatch(/✅ new render · 4 credits<br>/);
    expect(comment?.body).toMatch(/✅ new render · 4\.5 credits<br>/);
    expect(JSON.parse(run.outputs.result ?? "{}").credits).toMatchObject({
      estimate: ESTIMATE,
      spent: ESTIMATE,
    });
    h.expectKeyNowhere();
  });

  it("a nightly push run's summary gives the total", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": MANIFEST });
    const before = charged(priced);
    const run = await h.run("push", pushEvent("0".repeat(40), "nightly"), {
      "api-url": priced.apiUrl,
      store: "none",
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Same requests as the PR above: the server replays them, so the run costs what they did.
    expect(run.summary).toContain("**3 new renders · 12.5 credits**");
    expect(charged(priced)).toBe(before);
  });

  it("max-credits below the estimate fails the step before any job", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": MANIFEST.replace("Waves", "Rain") });
    const fresh = await startPriced(1000);
    try {
      const run = await h.run("push", pushEvent("0".repeat(40), "x"), {
        "api-url": fresh.apiUrl,
        "max-credits": "10",
        store: "none",
      });
      expect(run.code).toBe(1);
      expect(fresh.ledger.requests.create).toBe(0);
      expect(fresh.ledger.jobs()).toHaveLength(0);
      expect(run.stdout).toMatch(
        /::error::agentframer render stopped early: the plan's 3 new jobs are estimated at 12\.5 credits, more than the budget max-credits 10; nothing was submitted/,
      );
      expect(run.outputs).toMatchObject({ "credits-estimate": "12.5", "credits-spent": "0" });
    } finally {
      await fresh.close();
    }
  });

  it("a balance short of the estimate fails the step before any job, naming both", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": MANIFEST });
    const poor = await startPriced(9);
    try {
      const run = await h.run("push", pushEvent("0".repeat(40), "x"), {
        "api-url": poor.apiUrl,
        store: "none",
      });
      expect(run.code).toBe(1);
      expect(poor.ledger.requests.create).toBe(0);
      expect(run.stdout).toMatch(
        /estimated at 12\.5 credits and the workspace's balance is 9 credits/,
      );
      expect(run.summary).toContain("Stopped early");
    } finally {
      await poor.close();
    }
  });

  it("without the credit endpoints: unknown (not 0), and max-credits refuses", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": MANIFEST.replace("Waves", "Snow") });
    const creates = h.emulator.ledger.requests.create;
    const refused = await h.run("push", pushEvent("0".repeat(40), "x"), {
      "max-credits": "100",
      store: "none",
    });
    expect(refused.code).toBe(1);
    expect(h.emulator.ledger.requests.create).toBe(creates);
    expect(refused.stdout).toMatch(
      /cost an unknown number of credits \(no price for flux-1\.1-pro, veo-2\)/,
    );
    expect(refused.outputs["credits-estimate"]).toBe("unknown");

    const run = await h.run("push", pushEvent("0".repeat(40), "x"), { store: "none" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      rendered: "3",
      "credits-estimate": "unknown",
      "credits-spent": "unknown",
    });
    expect(run.summary).toMatch(
      /\*\*3 new renders · credits unknown\*\* \(no price for flux-1\\?\.1-pro, veo-2\)/,
    );
    h.expectKeyNeverPrinted();
  });
});
