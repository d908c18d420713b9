/**
 * The CLI at a newcomer's second look (issue 23): a big plan fits a screen, a render in a pipe
 * prints a line per asset and no more, Ctrl-C leaves jobs in flight that plan and the next
 * render name, the emulator's flags work on render, and the small wordings read right. Every
 * test runs the CLI compiled from this source as a child process, as a user or a CI log sees it.
 */
import { stat } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

let cli: Awaited<ReturnType<typeof compileCli>>;
let repo: TestRepo | undefined;
let emulator: Emulator | undefined;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await repo?.remove();
  repo = undefined;
});

interface Outcome {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** `agentframer ARGS` in the repository, its output piped (not a terminal), as in CI. */
async function agentframer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const run = spawnCli(cli.main, args, { NO_COLOR: "1", CI: "1", ...env }, repo!.dir);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const lines = (text: string): string[] => text.trimEnd().split("\n");

/** A catalogue of `rows` products from one CSV row each, the way a real big manifest looks. */
async function catalogue(rows: number): Promise<TestRepo> {
  const created = await TestRepo.create([]);
  await created.write(
    "agentframer.yml",
    [
      "version: 1",
      "defaults:",
      "  model: flux-1.1-pro",
      "  params: { width: 48, height: 32 }",
      "pricing: { flux-1.1-pro: { credits: 4, per: image } }",
      "assets:",
      "  - id: item-{{sku}}",
      "    each: items.csv",
      "    prompt: Studio photo of {{name}}",
      "    output: out/{{sku}}.png",
      "",
    ].join("\n"),
  );
  const csv = Array.from({ length: rows }, (_, i) => `s${i},thing number ${i}`);
  await created.write("items.csv", `sku,name\n${csv.join("\n")}\n`);
  return created;
}

describe("a 2,000-asset catalogue", () => {
  it("plan fits a screen (--all and --json list all); a piped render prints one line per asset", async () => {
    repo = await catalogue(2000);
    const plan = await agentframer(["plan"]);
    expect(plan.code, plan.stderr).toBe(0);
    const shown = lines(plan.stdout);
    // The first 20 changes, one line for the rest, the counts and the credits.
    expect(shown).toHaveLength(23);
    expect(shown[0]).toMatch(/^new +item-s0 +out\/s0\.png +4 credits$/);
    expect(shown.slice(-3)).toEqual([
      "… and 1980 more: agentframer plan --all lists every asset",
      "2000 assets: 2000 new, 0 changed, 0 unchanged, 0 missing, 0 modified, 0 orphaned; 2000 to render",
      "Credits: 8000 estimated for 2000 jobs",
    ]);

    const all = await agentframer(["plan", "--all"]);
    expect(lines(all.stdout)).toHaveLength(2002);
    expect(all.stdout).toMatch(/^new +item-s1999 +out\/s1999\.png/m);
    expect(all.stdout).not.toMatch(/and \d+ more/);
    const json = JSON.parse((await agentframer(["plan", "--json"])).stdout) as {
      assets: unknown[];
    };
    expect(json.assets).toHaveLength(2000);

    const render = await agentframer(["render", "--emulator", "--duration", "0"]);
    expect(render.code, render.stderr.slice(-2000)).toBe(0);
    const log = lines(render.stderr);
    // A header, one line per asset, the summary, and what was spent.
    expect(log).toHaveLength(2003);
    expect(log[0]).toBe("Rendering 2000 assets (0 unchanged)");
    expect(log.at(-2)).toMatch(/^Done: 2000 rendered, 0 restored, 0 unchanged in [\d.]+ s$/);
    expect(log.at(-1)).toMatch(/^Credits: 8000 spent/);
    const perAsset = log.slice(1, -2);
    expect(
      perAsset.every((l) => /^\[ *\d+\/2000\] rendered item-s\d+ → out\/s\d+\.png/.test(l)),
    ).toBe(true);
    expect(new Set(perAsset.map((l) => /item-s\d+/.exec(l)?.[0])).size).toBe(2000);

    const after = await agentframer(["plan"]);
    expect(after.stdout).toBe(
      "2000 assets: 0 new, 0 changed, 2000 unchanged, 0 missing, 0 modified, 0 orphaned; 0 to render\n",
    );
  }, 600_000);
});

describe("after Ctrl-C", () => {
  it("plan and the next render's first line name the jobs in flight, which resume unpaid", async () => {
    // Jobs long enough that the interrupt lands while all four are in flight.
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 4000, maxMs: 4000 } },
      seed: 2,
    });
    const assets = someAssets(10);
    repo = await TestRepo.create(assets);
    const env = { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: TEST_KEY };
    const first = spawnCli(
      cli.main,
      ["render", "--concurrency", "4"],
      { NO_COLOR: "1", CI: "1", ...env },
      repo.dir,
    );
    await waitFor(() => emulator!.ledger.jobs().length >= 4, 30_000, "four jobs in flight");
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(3);
    expect(first.stderr()).toMatch(/agentframer: stopping — jobs in flight stay recorded/);
    const created = emulator.ledger.jobs().length;
    expect(created).toBe(4);
    // The stop lists none of the jobs it stopped: they are counted in the summary.
    expect(first.stderr()).not.toMatch(/^\[.*skipped/m);

    const plan = await agentframer(["plan"], env);
    expect(plan.code).toBe(0);
    const ids = assets.map((a) => a.id);
    const note =
      /^4 jobs an interrupted run left in flight \((.+)\) resume on the next render, without paying again$/m.exec(
        plan.stdout,
      );
    expect(note, plan.stdout).not.toBeNull();
    const named = note![1]!.replace(/ and 1 more$/, "").split(", ");
    expect(named).toHaveLength(3);
    for (const id of named) expect(ids).toContain(id);
    expect(plan.stdout).toMatch(/^10 assets: 10 new, .*; 10 to render$/m);

    const again = await agentframer(["render", "--concurrency", "4"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(lines(again.stderr)[0]).toMatch(
      /^Rendering 10 assets \(0 unchanged\); resuming 4 jobs an interrupted run left in flight, without paying again: [\w-]+, [\w-]+, [\w-]+ and 1 more$/,
    );
    // Paid once: one job per asset, none created twice for one key.
    const jobs = emulator.ledger.jobs();
    expect(jobs).toHaveLength(10);
    for (const job of jobs) expect(emulator.ledger.jobsByKey(job.key)).toHaveLength(1);
    const after = await agentframer(["plan"], env);
    expect(after.stdout).not.toMatch(/in flight/);
  }, 120_000);
});

describe("render --emulator takes the emulator's flags", () => {
  it("durations, failure rates and sizes shape the in-process emulator; --help lists them", async () => {
    repo = await TestRepo.create(someAssets(3));
    const help = await agentframer(["render", "--help"]);
    for (const flag of [
      "--duration T|MIN-MAX",
      "--median T",
      "--spread S",
      "--fail-rate R",
      "--error-rate R",
      "--result-bytes N",
      "--seed N",
    ]) {
      expect(help.stdout).toMatch(
        new RegExp(`^  ${flag.replace(/[|]/g, "\\|")} +--emulator: `, "m"),
      );
    }

    const failing = await agentframer([
      "render",
      "--emulator",
      "--duration",
      "0",
      "--fail-rate",
      "1",
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^Done: 0 rendered, 0 restored, 0 unchanged, 3 failed in /m);

    const big = await agentframer([
      "render",
      "--emulator",
      "--duration",
      "10ms-20ms",
      "--result-bytes",
      "50000",
      "--seed",
      "7",
    ]);
    expect(big.code, big.stderr).toBe(0);
    expect((await stat(repo.path("public/asset/0.png"))).size).toBeGreaterThanOrEqual(50_000);

    const slow = await agentframer([
      "render",
      "--emulator",
      "--duration",
      "1s",
      "--only",
      "asset-0",
      "--force",
    ]);
    expect(slow.code, slow.stderr).toBe(0);
    expect(slow.stderr).toMatch(/rendered asset-0 → public\/asset\/0\.png \(([1-9]\d*\.\d) s\)/);

    const real = await agentframer(["render", "--duration", "5s"], {
      AGENTFRAMER_API_KEY: TEST_KEY,
    });
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/^agentframer: --duration shapes the emulator: add --emulator/);
    const bad = await agentframer(["render", "--emulator", "--fail-rate", "2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-rate takes a share of jobs from 0 to 1/);
  }, 120_000);
});

describe("the small wordings", () => {
  it("a typo param in defaults is warned once at its line, whatever types the assets have", async () => {
    repo = await TestRepo.create([]);
    await repo.write(
      "agentframer.yml",
      [
        "version: 1",
        "defaults:",
        "  model: flux-1.1-pro",
        "  params: { sed: 3 }",
        "assets:",
        "  - { id: a, prompt: A, output: a.png }",
        "  - { id: b, prompt: B, output: b.mp4 }",
        "  - { id: c, prompt: C, output: c.wav }",
        "",
      ].join("\n"),
    );
    for (const command of ["validate", "plan"]) {
      const run = await agentframer([command]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        'agentframer.yml:4:13: warning: param "sed" is not one the API knows for any type (did you mean "seed"?); it is sent as it is. Known: width, height, seed, duration\n',
      );
    }
  });

  it("validate names problems without claiming it wrote nothing; a seed is a whole number, 0 or more", async () => {
    repo = await TestRepo.create([{ id: "a", prompt: "A", output: "a.png", params: { seed: -1 } }]);
    const run = await agentframer(["validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /param "seed" is -1; seed takes a whole number, 0 or more\n1 problem in the manifest\.\n$/,
    );
    const render = await agentframer(["render", "--emulator"]);
    expect(render.stderr).toMatch(/\n1 problem in the manifest; nothing was written\.\n$/);
  });

  it("a shard's first line and its last use one word for the assets it leaves out", async () => {
    repo = await TestRepo.create(someAssets(12));
    const run = await agentframer(["render", "--emulator", "--duration", "0", "--shard", "1/2"]);
    expect(run.code, run.stderr).toBe(0);
    const log = lines(run.stderr);
    const head = /^Rendering (\d+) assets \(0 unchanged, (\d+) skipped by --shard 1\/2\)$/.exec(
      log[0]!,
    );
    expect(head, log[0]).not.toBeNull();
    const [, taken, left] = head!;
    expect(Number(taken) + Number(left)).toBe(12);
    expect(log.at(-2)).toMatch(
      new RegExp(`^Done: ${taken} rendered, 0 restored, 0 unchanged, ${left} skipped in `),
    );
    expect(log.at(-1)).toMatch(/^Credits: unknown/);
    expect(run.stderr).not.toMatch(/not selected/);
  });
});
