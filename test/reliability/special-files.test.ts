/**
 * Issue 13, point 5: a FIFO where a file should be. Opening a named pipe for reading blocks
 * until a writer comes, in a thread that neither Ctrl-C nor SIGTERM can free, so a FIFO as the
 * manifest, an `each:` file or the lockfile hung the process for good. They are now refused
 * before they are opened, with a message naming the file; and a second Ctrl-C ends the process
 * even while some thread is stuck (process.exit() would wait for it).
 */
import { execFileSync } from "node:child_process";
import { constants } from "node:fs";
import { mkdir, open, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { manifestYaml, someAssets, TestRepo } from "../support/render-repo.js";
import { runIn } from "../support/run-cli.js";
import { SECRET } from "../support/reliability/setup.js";

let repo: TestRepo | undefined;
const fifos: string[] = [];
afterEach(async () => {
  // Should a reader be stuck on one (the bug this guards against), a writer frees it.
  for (const fifo of fifos.splice(0)) {
    await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then(
      (h) => h.close(),
      () => {},
    );
  }
  await repo?.remove();
  repo = undefined;
});

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
  fifos.push(path);
}

async function renderIn(dir: string, args: string[] = []) {
  return runIn(dir, ["render", ...args], {
    env: { AGENTFRAMER_API_URL: "http://127.0.0.1:9/v1", AGENTFRAMER_API_KEY: SECRET, CI: "1" },
  });
}

describe("a named pipe where a file should be is refused before it is opened", () => {
  it("as the manifest: exit 2, FILE:1:1 says it is a FIFO", async () => {
    repo = await TestRepo.create([]);
    mkfifo(join(repo.dir, "media.yml"));
    const { code, stderr } = await renderIn(repo.dir, ["media.yml"]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "media.yml:1:1: cannot read the manifest: it is a named pipe (FIFO), not a regular file",
    );
  });

  it("as an each: file: exit 2 at the each: line, nothing written", async () => {
    repo = await TestRepo.create([]);
    await writeFile(
      repo.manifestPath,
      `${manifestYaml([])}  - id: row-{{n}}\n    each: data/rows.csv\n    prompt: Row {{n}}\n    output: public/{{n}}.png\n`,
    );
    await mkdir(repo.path("data"));
    mkfifo(repo.path("data/rows.csv"));
    const { code, stderr } = await renderIn(repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/agentframer\.yml:\d+:\d+: .*data\/rows\.csv.*named pipe \(FIFO\)/);
    expect(await repo.files()).toEqual(["agentframer.yml", "data/rows.csv"]);
  });

  it("as the lockfile: exit 2 naming the lockfile and what to do", async () => {
    repo = await TestRepo.create(someAssets(1));
    mkfifo(repo.path("agentframer.lock"));
    const { code, stderr } = await renderIn(repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/agentframer\.lock: it is a named pipe \(FIFO\), not a regular file/);
    expect(stderr).toMatch(/git checkout -- /);
  });
});

describe("a lockfile committed as a symbolic link", () => {
  it("is refused by plan and render, and the file it points to is never read or quoted", async () => {
    repo = await TestRepo.create(someAssets(1));
    const outside = await TestRepo.create([]);
    try {
      // A runner's file that is not JSON: a parse error would quote the bytes around its start.
      const target = join(outside.dir, "credentials");
      await writeFile(target, "TOKEN-ghp_planted0123456789 and more text\n");
      await symlink(target, repo.path("agentframer.lock"));
      for (const command of [["plan"], ["render"]]) {
        const { code, stdout, stderr } =
          command[0] === "plan" ? await runIn(repo.dir, command) : await renderIn(repo.dir);
        expect(code, stderr).toBe(2);
        expect(stderr).toMatch(
          /agentframer\.lock: it is a symbolic link; a lockfile is read only as a regular file/,
        );
        expect(`${stdout}${stderr}`).not.toContain("TOKEN");
        expect(`${stdout}${stderr}`).not.toContain("ghp_planted");
      }
    } finally {
      await outside.remove();
    }
  });
});

describe("a second Ctrl-C", () => {
  let cli: Awaited<ReturnType<typeof compileCli>>;
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    cli = await compileCli();
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
  });

  it("ends the process even while a thread is blocked on a FIFO (process.exit() would hang)", async () => {
    emulator = await startEmulator({
      apiKey: SECRET,
      durations: { image: { minMs: 20_000, maxMs: 30_000 } },
    });
    repo = await TestRepo.create(someAssets(2));
    // Stands for whatever holds a thread of the pool: an open of a FIFO that no one writes to.
    const fifo = repo.path("stuck.fifo");
    mkfifo(fifo);
    const stuck = repo.path("stuck.mjs");
    await writeFile(
      stuck,
      `import { open } from "node:fs/promises";\nvoid open(${JSON.stringify(fifo)}, "r");\n`,
    );
    const run = spawnCli(
      cli.main,
      ["render"],
      {
        AGENTFRAMER_API_URL: emulator.apiUrl,
        AGENTFRAMER_API_KEY: SECRET,
        CI: "1",
        NO_COLOR: "1",
        NODE_OPTIONS: `--import=${stuck}`,
      },
      repo.dir,
    );
    let ended: number | string | undefined;
    void run.exited.then((how) => (ended = how));
    await waitFor(() => emulator!.ledger.jobs().length > 0, 20_000, "a submission");
    run.child.kill("SIGINT");
    await waitFor(() => /stopping/.test(run.stderr()), 10_000, "the first Ctrl-C's message");
    run.child.kill("SIGINT");
    try {
      await waitFor(() => ended !== undefined, 10_000, "the process to end");
    } finally {
      if (ended === undefined) run.child.kill("SIGKILL");
    }
    expect(ended).toBe("SIGINT");
    expect(run.stderr()).not.toContain(SECRET);
  }, 60_000);
});
