/**
 * Issue 5, item 2 (and the "exits by itself" half of item 8): SIGKILL the real CLI process at
 * chosen points — before the POST, while it is held, after the server committed it but before the
 * answer, after it, mid-poll, mid-download, mid-lockfile write, with some assets done — then run
 * again until done. No hooks in the product: each point is reached by slowing the emulator down
 * and watching the ledger, the journal and the file system until the phase shows, then killing.
 * Four repositories are driven in parallel, each through several kills in a row.
 */
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator, EmulatorOptions, Faults } from "../../src/emulator/types.js";
import type { Lockfile } from "../../src/state/lock-types.js";
import type { RenderResult } from "../../src/render/result.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import type { CliRun } from "../support/built-cli.js";
import { someAssets, TestRepo } from "../support/render-repo.js";
import { assertInvariant } from "../support/reliability/invariant.js";
import { SECRET } from "../support/reliability/setup.js";

let cli: Awaited<ReturnType<typeof compileCli>>;
beforeAll(async () => {
  cli = await compileCli();
}, 180_000);

/** What the parent can see of a run from outside, without any help from the process. */
interface Seen {
  submitting: number;
  submitted: number;
  completed: number;
  jobs: number;
  creates: number;
  statusRequests: number;
  partialOutputs: number;
  lockTemp: boolean;
  /** Parsing a 40,000-entry lockfile every 10 ms would slow the look enough to miss short phases. */
  lockEntries(): number;
}

function look(repo: TestRepo, emulator: Emulator, outputDir: string): Seen {
  const journal = { submitting: 0, submitted: 0, completed: 0 };
  // The journal is one log a line per record; an asset's latest line is its state.
  const latest = new Map<string, string>();
  let log = "";
  try {
    log = readFileSync(repo.path(".agentframer/journal/agentframer.jsonl"), "utf8");
  } catch {
    // Not written yet, or gone with the last record.
  }
  for (const line of log.split("\n")) {
    try {
      const record = JSON.parse(line) as { id: string; state: string };
      latest.set(record.id, record.state);
    } catch {
      // The line being written right now; the next look sees it.
    }
  }
  for (const state of latest.values()) {
    if (state in journal) journal[state as keyof typeof journal] += 1;
  }
  const lockEntries = (): number => {
    try {
      return Object.keys(
        (JSON.parse(readFileSync(repo.path("agentframer.lock"), "utf8")) as Lockfile).assets,
      ).length;
    } catch {
      return 0; // Not written yet.
    }
  };
  return {
    ...journal,
    jobs: emulator.ledger.jobs().length,
    creates: emulator.ledger.requests.create,
    statusRequests: emulator.ledger.requests.status,
    partialOutputs: safeList(repo.path(outputDir)).filter((n) => n.endsWith(".tmp")).length,
    lockTemp: safeList(repo.dir).some((n) => /^\.agentframer\.lock\..+\.tmp$/.test(n)),
    lockEntries,
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

interface KillPoint {
  phase: string;
  faults?: Partial<Faults>;
  /** Kill as soon as this holds (or after `afterMs`, for a blind point). */
  when?: (seen: Seen) => boolean;
  afterMs?: number;
}

const NO_FAULTS: Partial<Faults> = { slowMs: 0, resetAfterCreate: 0 };

interface Chain {
  name: string;
  assets: number;
  emulator: EmulatorOptions;
  points: KillPoint[];
  /** Lock entries of assets no longer in the manifest, to make every lockfile write slow. */
  orphans?: number;
}

const SLOW = { image: { minMs: 400, maxMs: 1200 } };

const CHAINS: Chain[] = [
  {
    name: "around the POST",
    assets: 12,
    emulator: { durations: SLOW, seed: 21 },
    points: [
      { phase: "before any POST (starting up)", afterMs: 120 },
      {
        phase: "POST held by the server, nothing committed",
        faults: { slowMs: 600 },
        when: (s) => s.submitting > 0 && s.creates > s.jobs,
      },
      {
        phase: "POST committed, answer lost",
        faults: { resetAfterCreate: 1 },
        when: (s) => s.jobs > 0 && s.submitting > 0 && s.submitted === 0,
      },
      { phase: "after the POST answered", when: (s) => s.submitted > 0 },
      {
        phase: "mid-poll (held status request)",
        when: (s) => s.submitted > 0 && s.statusRequests > 0,
      },
      {
        phase: "some completed, others in flight",
        when: (s) => s.completed + s.lockEntries() > 0 && s.submitted > 0,
      },
    ],
  },
  {
    name: "mid-download",
    assets: 8,
    emulator: { durations: { image: { minMs: 50, maxMs: 200 } }, resultBytes: 200_000, seed: 22 },
    points: [1, 2, 3, 4].map(() => ({
      phase: "mid-download (partial temp file on disk)",
      faults: { slowMs: 400 },
      when: (s: Seen) => s.partialOutputs > 0,
    })),
  },
  {
    name: "mid-lockfile write",
    // Enough jobs, ending far enough apart, that each run rewrites the lockfile several times:
    // a point missed because a run finished would leave the later points nothing to catch.
    assets: 24,
    orphans: 40_000,
    emulator: { durations: { image: { minMs: 100, maxMs: 2500 } }, seed: 23 },
    points: [1, 2, 3, 4, 5].map(() => ({
      phase: "mid-lockfile write (temp lockfile on disk)",
      when: (s: Seen) => s.lockTemp,
    })),
  },
  {
    name: "blind timing",
    // Enough work that a run is still going at its last blind point, whatever the load.
    assets: 24,
    emulator: { durations: SLOW, seed: 24 },
    points: [150, 400, 700, 1000, 1300, 1600].map((afterMs) => ({
      phase: `blind, ${afterMs} ms after start`,
      afterMs,
    })),
  },
];

interface ChainOutcome {
  killed: string[];
  missed: string[];
}

async function runChain(chain: Chain): Promise<ChainOutcome> {
  const emulator = await startEmulator({ apiKey: SECRET, ...chain.emulator });
  const assets = someAssets(chain.assets, chain.name.replace(/\W+/g, "-"));
  const outputDir = `public/${chain.name.replace(/\W+/g, "-")}`;
  const repo = await TestRepo.create(assets);
  const runs: CliRun[] = [];
  const outcome: ChainOutcome = { killed: [], missed: [] };
  const start = (): CliRun => {
    const run = spawnCli(
      cli.main,
      ["render", repo.manifestPath, "--concurrency", "4", "--json"],
      { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: SECRET, CI: "1", NO_COLOR: "1" },
      repo.dir,
    );
    runs.push(run);
    return run;
  };
  try {
    if (chain.orphans) await writeFile(repo.path("agentframer.lock"), orphanLock(chain.orphans));
    for (const point of chain.points) {
      emulator.setFaults({ ...NO_FAULTS, ...point.faults });
      const run = start();
      let ended = false;
      void run.exited.then(() => (ended = true));
      const begun = Date.now();
      await waitFor(
        () =>
          ended ||
          (point.afterMs !== undefined && Date.now() - begun >= point.afterMs) ||
          (point.when?.(look(repo, emulator, outputDir)) ?? false),
        // Long enough for a run starved of CPU by a busy machine; only a hang takes this long.
        90_000,
        `${chain.name}: ${point.phase}`,
      );
      if (ended) {
        outcome.missed.push(point.phase);
        continue;
      }
      run.child.kill("SIGKILL");
      expect(await run.exited).toBe("SIGKILL");
      outcome.killed.push(point.phase);
    }
    emulator.setFaults(NO_FAULTS);
    const last = start();
    expect(await last.exited, last.stderr()).toBe(0);
    const result = JSON.parse(last.stdout()) as RenderResult;
    await assertInvariant({
      dir: repo.dir,
      manifest: repo.manifestPath,
      emulator,
      result,
      secret: SECRET,
      captured: runs.flatMap((r) => [r.stdout(), r.stderr()]),
    });
    expect(emulator.ledger.jobs()).toHaveLength(chain.assets);
    if (chain.orphans) {
      // Killed mid-write, the lockfile still holds everything it held before.
      expect(Object.keys((await repo.lock()).assets)).toHaveLength(chain.orphans + chain.assets);
    }
    return outcome;
  } finally {
    for (const run of runs) run.child.kill("SIGKILL");
    await emulator.close();
    await repo.remove();
  }
}

/** A lockfile with `n` entries for assets the manifest no longer has (kept until `prune`). */
function orphanLock(n: number): string {
  const assets: Lockfile["assets"] = {};
  for (let i = 0; i < n; i += 1) {
    assets[`orphan-${String(i).padStart(6, "0")}`] = {
      hash: "0".repeat(64),
      fields: {
        type: "0".repeat(16),
        model: "0".repeat(16),
        prompt: "0".repeat(16),
        params: "0".repeat(16),
      },
      output: `old/orphan-${i}.png`,
      sha256: "0".repeat(64),
      size: 1,
      generation: `gen_orphan_${i}`,
      renderedAt: "2026-01-01T00:00:00.000Z",
    };
  }
  return `${JSON.stringify({ version: 1, assets }, null, 2)}\n`;
}

describe("SIGKILL at chosen points, then run again until done", () => {
  it("at 20+ points the invariant holds: one job per asset, verified bytes, no partial files", async () => {
    const outcomes = await Promise.all(CHAINS.map(runChain));
    const killed = outcomes.flatMap((o) => o.killed);
    const missed = outcomes.flatMap((o) => o.missed);
    expect(killed.length, `missed: ${missed.join("; ")}`).toBeGreaterThanOrEqual(20);
    // Every kind of point was reached at least once.
    const phases = new Set(killed.map((p) => p.replace(/, \d+ ms after start$/, "")));
    for (const chain of CHAINS) {
      for (const point of chain.points) {
        expect(phases.has(point.phase.replace(/, \d+ ms after start$/, "")), point.phase).toBe(
          true,
        );
      }
    }
  }, 240_000);
});

describe("a process facing black holes", () => {
  it("ends every job and exits by itself: no socket or timer left open", async () => {
    const emulator = await startEmulator({
      apiKey: SECRET,
      durations: { image: { minMs: 10, maxMs: 50 } },
      faults: { blackHole: "results", neverFinish: 0.5 },
      seed: 5,
    });
    const repo = await TestRepo.create(someAssets(4));
    try {
      // The compiled render() with short timeouts; no process.exit, so only an empty event loop
      // ends the process.
      const renderModule = pathToFileURL(join(cli.main, "..", "..", "render", "render.js")).href;
      const script = repo.path("run.mjs");
      await writeFile(
        script,
        `import { render } from ${JSON.stringify(renderModule)};
const config = ${JSON.stringify({
          manifestPath: repo.manifestPath,
          apiUrl: emulator.apiUrl,
          emulator: false,
          concurrency: 2,
          force: false,
        })};
config.apiKey = process.env.AGENTFRAMER_API_KEY;
const result = await render(config, { requestTimeoutMs: 150, jobDeadlineMs: 1500 });
process.stdout.write(JSON.stringify(result));
`,
      );
      const began = Date.now();
      const run = spawnCli(script, [], { AGENTFRAMER_API_KEY: SECRET }, repo.dir);
      const bound = new Promise<string>((resolve) =>
        setTimeout(() => resolve("still running"), 45_000),
      );
      const code = await Promise.race([run.exited, bound]);
      run.child.kill("SIGKILL");
      expect(code, run.stderr() + run.stdout()).toBe(0);
      const result = JSON.parse(run.stdout()) as RenderResult;
      expect(result.counts.failed).toBe(4);
      for (const a of result.assets)
        expect(a.error).toMatch(/did not finish within|download failed/);
      expect(Date.now() - began).toBeLessThan(45_000);
    } finally {
      await emulator.close();
      await repo.remove();
    }
  }, 60_000);
});
