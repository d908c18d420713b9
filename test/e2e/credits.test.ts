/**
 * Credits through the compiled CLI, against the emulator with its credit endpoints on (prices,
 * a balance, per-job charges, 402) and off (404, as an older server answers).
 */
import { readFile, rm } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index.js";
import type { RenderResult } from "../../src/render/result.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import type { CliRun } from "../support/built-cli.js";
import { fastForward } from "../support/fast-forward.js";
import { TEST_KEY, TestRepo } from "../support/render-repo.js";

let cli: Awaited<ReturnType<typeof compileCli>>;
let emulator: Emulator | undefined;
let repo: TestRepo | undefined;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await repo?.remove();
  repo = undefined;
});

/** One asset priced per image, one per megapixel, one per second. */
const MIXED = `version: 1
assets:
  - id: poster
    model: img-1
    prompt: A poster of a lighthouse
    output: public/poster.png
    params: { width: 64, height: 48 }
  - id: banner
    model: img-mp
    prompt: A wide banner of the sea
    output: public/banner.png
    params: { width: 1024, height: 512 }
  - id: clip
    model: vid-1
    prompt: Waves at dusk
    output: public/clip.mp4
    params: { duration: 4 }
`;
const PRICES: NonNullable<EmulatorOptions["credits"]>["prices"] = {
  "img-1": { credits: 4, per: "image" },
  "img-mp": { credits: 2, per: "megapixel" },
  "vid-1": { credits: 0.5, per: "second" },
};
/** 4 + 2 × 1024 × 512 / 10⁶ + 0.5 × 4 */
const MIXED_ESTIMATE = 4 + 1.048576 + 2;

async function start(credits?: EmulatorOptions["credits"]): Promise<Emulator> {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 5, maxMs: 20 }, video: { minMs: 5, maxMs: 20 } },
    ...(credits ? { credits } : {}),
  });
  return emulator;
}

async function repoWith(manifest: string): Promise<TestRepo> {
  repo = await TestRepo.create([]);
  await repo.write("agentframer.yml", manifest);
  return repo;
}

async function agentframer(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = launch(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

function launch(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  return spawnCli(
    cli.main,
    args,
    {
      AGENTFRAMER_API_URL: emulator?.apiUrl ?? "http://127.0.0.1:9/v1",
      AGENTFRAMER_API_KEY: TEST_KEY,
      CI: "1",
      NO_COLOR: "1",
      ...env,
    },
    repo!.dir,
  );
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);
const charged = (e: Emulator) => e.ledger.jobs().reduce((n, j) => n + (j.credits ?? 0), 0);

describe("with the credit endpoints", () => {
  it("plan estimates the sum of per-image, per-megapixel and per-second prices, also offline later", async () => {
    await start({ prices: PRICES, balance: 1000 });
    await repoWith(MIXED);
    const online = await agentframer(["plan", "--json"]);
    expect(online.code, online.stderr).toBe(0);
    const doc = JSON.parse(online.stdout) as {
      credits: { estimate: number; unknownModels: string[] };
      assets: Array<{ id: string; credits: number }>;
    };
    expect(doc.credits).toEqual({
      estimate: MIXED_ESTIMATE,
      unknownModels: [],
      fromCache: 0,
      inFlight: 0,
    });
    expect(doc.assets.map((a) => [a.id, a.credits])).toEqual([
      ["poster", 4],
      ["banner", 1.048576],
      ["clip", 2],
    ]);
    expect(emulator!.ledger.requests.models).toBe(1);
    expect(emulator!.ledger.jobs()).toHaveLength(0);

    // No key now: the prices GET /models gave are kept in .agentframer/.
    const offline = await agentframer(["plan"], { AGENTFRAMER_API_KEY: "" });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain("banner  public/banner.png  1.05 credits\n");
    expect(lastLine(offline.stdout)).toBe("Credits: 7.05 estimated for 3 jobs");
    expect(emulator!.ledger.requests.models).toBe(1);
  });

  it("render spends what the server charged, says so last, and restores cost nothing", async () => {
    const e = await start({ prices: PRICES, balance: 1000 });
    const r = await repoWith(MIXED);
    const run = await agentframer(["render", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RenderResult;
    expect(result.counts.rendered).toBe(3);
    expect(charged(e)).toBe(MIXED_ESTIMATE);
    expect(result.credits).toMatchObject({
      estimate: MIXED_ESTIMATE,
      spent: charged(e),
      spentIsEstimate: false,
      unknownModels: [],
    });
    expect(e.balance()).toBe(1000 - MIXED_ESTIMATE);
    expect(lastLine(run.stderr)).toBe("Credits: 7.05 spent (estimate 7.05)");

    // The outputs are gone; the local cache gives them back with no job and no charge.
    await rm(r.path("public/poster.png"));
    await rm(r.path("public/clip.mp4"));
    // plan says so before the render: what the cache holds costs nothing, and the estimate is
    // what the render will then spend.
    await r.write("agentframer.yml", MIXED.replace("A wide banner of the sea", "A wide banner"));
    const before = await agentframer(["plan"]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain(
      "missing    poster  public/poster.png  restorable from the local cache (no job)\n",
    );
    expect(before.stdout).toContain("banner  public/banner.png  (prompt)  1.05 credits\n");
    expect(lastLine(before.stdout)).toBe(
      "Credits: 1.05 estimated for 1 job; 2 restorable from the local cache: 0 credits",
    );
    const json = JSON.parse((await agentframer(["plan", "--json"])).stdout) as {
      credits: Record<string, unknown>;
      assets: Array<{ id: string; credits: number; free?: string }>;
    };
    expect(json.credits).toEqual({
      estimate: 1.048576,
      unknownModels: [],
      fromCache: 2,
      inFlight: 0,
    });
    expect(json.assets.map((a) => [a.id, a.credits, a.free])).toEqual([
      ["poster", 0, "cache"],
      ["banner", 1.048576, undefined],
      ["clip", 0, "cache"],
    ]);
    await r.write("agentframer.yml", MIXED);
    const allCached = await agentframer(["plan"]);
    expect(lastLine(allCached.stdout)).toBe(
      "Credits: 0 estimated, no new job (2 restorable from the local cache)",
    );
    expect(e.ledger.jobs()).toHaveLength(3);

    // With no prices kept, a run of restores asks the API once, and submits nothing.
    await rm(r.path(".agentframer/cache/prices.json"));
    const models = e.ledger.requests.models;
    const again = await agentframer(["render", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(e.ledger.jobs()).toHaveLength(3);
    expect(e.ledger.requests.models).toBe(models + 1);
    expect(JSON.parse(again.stdout).credits).toMatchObject({ spent: 0, restored: 2, notSpent: 6 });
    expect(lastLine(again.stderr)).toBe(
      "Credits: 0 spent (estimate 0); 2 restored from the cache: 6 credits not spent",
    );
  });

  it("spent is the server's figure, not the manifest's estimate, when they differ", async () => {
    const e = await start({ prices: PRICES });
    await repoWith(
      MIXED.replace("version: 1\n", "version: 1\npricing:\n  img-1: { credits: 1, per: image }\n"),
    );
    const run = await agentframer(["render", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const credits = JSON.parse(run.stdout).credits as RenderResult["credits"];
    expect(credits?.estimate).toBe(1 + 1.048576 + 2);
    expect(credits?.spent).toBe(charged(e));
    expect(credits?.spent).toBe(MIXED_ESTIMATE);
  });

  it("--max-credits below the estimate: exit 3, nothing submitted, the estimate, budget and fix in one message", async () => {
    const e = await start({ prices: PRICES, balance: 1000 });
    await repoWith(MIXED);
    const run = await agentframer(["render", "--max-credits", "7", "--json"]);
    expect(run.code).toBe(3);
    expect(e.ledger.requests.create).toBe(0);
    expect(e.ledger.jobs()).toHaveLength(0);
    expect(run.stderr).toMatch(
      /Stopped early: the plan's 3 new jobs are estimated at 7\.05 credits, more than the budget max-credits 7; nothing was submitted\. Raise max-credits, or render fewer assets with --only/,
    );
    const result = JSON.parse(run.stdout) as RenderResult;
    expect(result.counts).toMatchObject({ rendered: 0, skipped: 3 });
    expect(result.credits).toMatchObject({ estimate: MIXED_ESTIMATE, spent: 0 });
  });

  it("a balance short of the estimate: exit 3 before the first POST, naming both figures", async () => {
    const e = await start({ prices: PRICES, balance: 5 });
    await repoWith(MIXED);
    const run = await agentframer(["render"]);
    expect(run.code).toBe(3);
    expect(e.ledger.requests.create).toBe(0);
    expect(e.ledger.requests.credits).toBe(1);
    expect(run.stderr).toMatch(
      /the plan's 3 new jobs are estimated at 7\.05 credits and the workspace's balance is 5 credits; nothing was submitted\. Top up the workspace/,
    );
  });

  it("a 402 mid-run stops new submissions; what finished is recorded", async () => {
    // The manifest's stale price (1 a job) passes the balance check; the server charges 4.
    const e = await start({ prices: { "img-1": { credits: 4, per: "image" } }, balance: 10 });
    const assets = [0, 1, 2, 3]
      .map((i) => `  - { id: p${i}, prompt: "Poster ${i}", output: public/p${i}.png }\n`)
      .join("");
    const r = await repoWith(
      `version: 1\npricing:\n  img-1: { credits: 1, per: image }\ndefaults: { model: img-1, params: { width: 32, height: 32 } }\nassets:\n${assets}`,
    );
    const run = await agentframer(["render", "--concurrency", "1", "--json"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/out of credits \(HTTP 402/);
    const result = JSON.parse(run.stdout) as RenderResult;
    expect(result.counts).toMatchObject({ rendered: 2, skipped: 2, failed: 0 });
    expect(e.ledger.jobs()).toHaveLength(2);
    expect(e.ledger.requests.create).toBe(3);
    expect(Object.keys((await r.lock()).assets).sort()).toEqual(["p0", "p1"]);
    expect(await r.exists("public/p1.png")).toBe(true);
    expect(await r.exists("public/p2.png")).toBe(false);
    expect(result.credits).toMatchObject({ estimate: 4, spent: 8, spentIsEstimate: false });
  });
});

describe("without the credit endpoints (404)", () => {
  it("reports unknown, never 0, and renders as before", async () => {
    const e = await start();
    await repoWith(MIXED);
    const plan = await agentframer(["plan", "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).credits).toEqual({
      estimate: null,
      unknownModels: ["img-1", "img-mp", "vid-1"],
      fromCache: 0,
      inFlight: 0,
    });
    expect(plan.stderr).toMatch(/Credits: unknown for 3 jobs — no price for img-1, img-mp, vid-1/);

    const run = await agentframer(["render", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RenderResult;
    expect(result.counts.rendered).toBe(3);
    expect(result.credits).toMatchObject({ estimate: null, spent: null });
    expect(lastLine(run.stderr)).toBe("Credits: unknown: no price for img-1, img-mp, vid-1");
    expect(e.ledger.requests.models).toBeGreaterThan(0);
    expect(e.ledger.requests.credits).toBe(0);
  });

  it("refuses --max-credits when a price is unknown: exit 3, nothing submitted", async () => {
    const e = await start();
    await repoWith(
      MIXED.replace("version: 1\n", "version: 1\npricing:\n  img-1: { credits: 1, per: image }\n"),
    );
    const run = await agentframer(["render", "--max-credits", "100"]);
    expect(run.code).toBe(3);
    expect(e.ledger.requests.create).toBe(0);
    expect(run.stderr).toMatch(
      /the plan's 3 new jobs cost an unknown number of credits \(no price for img-mp, vid-1\), so the budget max-credits 100 cannot be kept; nothing was submitted\. Give the price under pricing: in the manifest, or run without max-credits/,
    );
  });
});

/**
 * One SIGINT once `reached` holds; then the test's safety net stands for a user's patience: a
 * process still there 20 s later (less than one attempt of a read, 30 s) is SIGKILLed, and the
 * exit says "SIGKILL" instead of the code the process would have chosen.
 */
async function interruptWhen(
  run: CliRun,
  reached: () => boolean,
  what: string,
): Promise<number | string> {
  await waitFor(reached, 30_000, what);
  run.child.kill("SIGINT");
  const safetyNet = setTimeout(() => run.child.kill("SIGKILL"), 20_000);
  try {
    return await run.exited;
  } finally {
    clearTimeout(safetyNet);
  }
}

/** The ids the journal holds in flight; every line must parse, as the next run reads them. */
async function inFlight(r: TestRepo): Promise<string[]> {
  const text = await readFile(r.path(".agentframer/journal/agentframer.jsonl"), "utf8").catch(
    () => "",
  );
  const latest = new Map<string, string>();
  for (const line of text.split("\n").filter(Boolean)) {
    const record = JSON.parse(line) as { id: string; state: string };
    latest.set(record.id, record.state);
  }
  return [...latest]
    .filter(([, state]) => state === "submitting" || state === "submitted")
    .map(([id]) => id)
    .sort();
}

const INTERRUPTED = /Stopped early: interrupted — run the same command again to resume/;

describe("Ctrl-C while the credit check waits on the API", () => {
  it.each([
    ["GET /models", MIXED, "models"],
    [
      "GET /credits",
      MIXED.replace(
        "version: 1\n",
        "version: 1\npricing:\n  img-1: { credits: 4, per: image }\n  img-mp: { credits: 2, per: megapixel }\n  vid-1: { credits: 0.5, per: second }\n",
      ),
      "credits",
    ],
  ] as const)(
    "render: one SIGINT during a hung %s ends the run by itself, nothing submitted; the next run renders each asset once",
    async (_read, manifest, resource) => {
      const e = await start({ prices: PRICES, balance: 1000 });
      const r = await repoWith(manifest);
      e.setFaults({ blackHole: "api" });
      const run = launch(["render"]);
      const code = await interruptWhen(
        run,
        () => e.ledger.requests[resource] >= 1,
        `the ${resource} read`,
      );
      expect(code, run.stderr()).toBe(3);
      expect(run.stderr()).toMatch(INTERRUPTED);
      expect(run.stderr()).not.toMatch(/could not read (prices|the balance)/);
      expect(e.ledger.requests.create).toBe(0);
      expect(await inFlight(r)).toEqual([]);
      expect(await r.exists("public/poster.png")).toBe(false);

      e.setFaults({ blackHole: false });
      const again = await agentframer(["render"]);
      expect(again.code, again.stderr).toBe(0);
      const jobs = e.ledger.jobs();
      expect(jobs).toHaveLength(3);
      for (const job of jobs) expect(e.ledger.jobsByKey(job.key)).toHaveLength(1);
      expect(Object.keys((await r.lock()).assets).sort()).toEqual(["banner", "clip", "poster"]);
    },
    90_000,
  );

  it("render: with only jobs in flight to resume, one SIGINT during a hung GET /models leaves them in the journal, and the next run resumes them unpaid", async () => {
    // Jobs that take a minute of the emulator's clock: in flight until the test moves it on.
    const e = (emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: {
        image: { minMs: 60_000, maxMs: 60_000 },
        video: { minMs: 60_000, maxMs: 60_000 },
      },
      credits: { prices: PRICES, balance: 1000 },
    }));
    const r = await repoWith(MIXED);
    const first = launch(["render"]);
    expect(
      await interruptWhen(first, () => e.ledger.jobs().length === 3, "every job submitted"),
      first.stderr(),
    ).toBe(3);
    expect(await inFlight(r)).toEqual(["banner", "clip", "poster"]);

    // Nothing to submit, three jobs to resume: the prices are still read, for the report.
    e.setFaults({ blackHole: "api" });
    const models = e.ledger.requests.models;
    const hung = launch(["render"]);
    const code = await interruptWhen(
      hung,
      () => e.ledger.requests.models > models,
      "the models read",
    );
    expect(code, hung.stderr()).toBe(3);
    expect(hung.stderr()).toMatch(
      /interrupted — run the same command again to resume 3 jobs in flight; nothing will be submitted twice/,
    );
    expect(hung.stderr()).not.toMatch(/could not read prices/);
    expect(await inFlight(r)).toEqual(["banner", "clip", "poster"]);

    e.setFaults({ blackHole: false });
    const stopFastForward = fastForward(e);
    try {
      const resumed = await agentframer(["render"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/resuming 3 jobs an interrupted run left in flight/);
    } finally {
      stopFastForward();
    }
    const jobs = e.ledger.jobs();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) expect(e.ledger.jobsByKey(job.key)).toHaveLength(1);
    expect(await inFlight(r)).toEqual([]);
    expect(Object.keys((await r.lock()).assets).sort()).toEqual(["banner", "clip", "poster"]);
  }, 90_000);

  it("render: one SIGINT during a hung GET /models restores nothing from the local cache either; the next run restores unpaid", async () => {
    const e = await start({ prices: PRICES, balance: 1000 });
    const r = await repoWith(MIXED);
    expect((await agentframer(["render"])).code).toBe(0);
    // Two outputs gone (the local cache holds them) and one prompt changed (a new job, priced
    // first): the run would restore two and render one.
    await rm(r.path("public/poster.png"));
    await rm(r.path("public/banner.png"));
    await r.write("agentframer.yml", MIXED.replace("Waves at dusk", "Waves at dawn"));
    e.setFaults({ blackHole: "api" });
    const models = e.ledger.requests.models;
    const run = launch(["render"]);
    const code = await interruptWhen(
      run,
      () => e.ledger.requests.models > models,
      "the models read",
    );
    expect(code, run.stderr()).toBe(3);
    expect(run.stderr()).toMatch(INTERRUPTED);
    expect(await r.exists("public/poster.png")).toBe(false);
    expect(await r.exists("public/banner.png")).toBe(false);
    expect(e.ledger.jobs()).toHaveLength(3);

    e.setFaults({ blackHole: false });
    const again = await agentframer(["render"]);
    expect(again.code, again.stderr).toBe(0);
    expect(await r.exists("public/poster.png")).toBe(true);
    expect(await r.exists("public/banner.png")).toBe(true);
    // The changed clip is the one new job: the other two came from the cache.
    expect(e.ledger.jobs()).toHaveLength(4);
  }, 90_000);

  it("plan: one SIGINT during a hung GET /models ends it at once", async () => {
    const e = await start({ prices: PRICES, balance: 1000 });
    await repoWith(MIXED);
    e.setFaults({ blackHole: "api" });
    const plan = launch(["plan"]);
    // plan keeps no listener: the signal's default action ends it, as the shell expects.
    expect(await interruptWhen(plan, () => e.ledger.requests.models >= 1, "the models read")).toBe(
      "SIGINT",
    );
  });
});

describe("offline, with the emulator's flags", () => {
  it("render --emulator --price ... --balance N prices, charges and reports with no server at all", async () => {
    await repoWith(MIXED);
    const flags = ["--price", "img-1=4/image", "--price", "img-mp=2/megapixel"];
    const run = await agentframer(
      [
        "render",
        "--emulator",
        ...flags,
        "--price",
        "vid-1=0.5/second",
        "--balance",
        "100",
        "--json",
      ],
      { AGENTFRAMER_API_KEY: "", AGENTFRAMER_API_URL: "" },
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as RenderResult).credits).toMatchObject({
      estimate: MIXED_ESTIMATE,
      spent: MIXED_ESTIMATE,
      spentIsEstimate: false,
    });
    const poor = await agentframer(
      ["render", "--emulator", ...flags, "--balance", "1", "--force"],
      {
        AGENTFRAMER_API_KEY: "",
        AGENTFRAMER_API_URL: "",
      },
    );
    expect(poor.code).toBe(3);
    expect(poor.stderr).toMatch(
      /need at least 5\.05 credits \(no price for vid-1\) and the workspace.s balance is 1 credit; nothing was submitted/,
    );
    expect(poor.stderr).not.toMatch(/\] rendered/);
    const bad = await agentframer(["emulator", "--price", "img-1=4/frame"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--price takes MODEL=CREDITS\/PER/);
    const budget = await agentframer(["render", "--max-credits", "lots"]);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toMatch(/--max-credits takes a number of credits/);
  });
});
