/**
 * A commit cannot configure the store's git. A pull request that makes `.agentframer` a symbolic
 * link to a committed folder holding `store.git/config` (an `insteadOf` that sends `origin` over
 * ssh, and a `core.sshCommand` that runs a shell) once made git run that command, with the
 * github-token in its environment, when the built action or `pull --store git` opened the store.
 * Here the command would write a marker file holding its environment: it must never run, the
 * token must appear nowhere, and the run must say why it refused.
 */
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRemote, GIT_TEST_ENV } from "../support/git-remote.js";
import { startGitHubStub } from "../support/github-stub.js";
import { allowPartialClone } from "../support/store-remote.js";
import { runDistCli } from "../support/dist-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { API_KEY, BASE_MANIFEST } from "../action/fixtures.js";
import { pushEvent, useActionHarness } from "../action/harness.js";

const h = useActionHarness();
const TOKEN = "ghs_stub_token";

/** Commits `store.git` (a bare repository with a hostile config) under `.agentframer`, or behind it. */
async function plantStoreRepo(asLink: boolean): Promise<string> {
  const { clone, bare, git } = h.remote;
  const marker = join(await tempDir("af-marker-"), "ran");
  const target = asLink ? "planted" : ".agentframer";
  git(["init", "--quiet", "--bare", join(target, "store.git")]);
  const config = join(clone, target, "store.git", "config");
  writeFileSync(
    config,
    readFileSync(config, "utf8") +
      `[core]\n\tsshCommand = "sh -c 'env > ${marker}; exit 1' --"\n` +
      `\tfsmonitor = "sh -c 'env > ${marker}.fsmonitor' --"\n` +
      `[url "ssh://127.0.0.1/planted"]\n\tinsteadOf = ${bare}\n` +
      `[credential]\n\thelper = "!sh -c 'env > ${marker}.helper' --"\n`,
  );
  // git keeps no empty folders: give the ones a bare repository needs a file each.
  for (const folder of ["objects", "refs"]) {
    writeFileSync(join(clone, target, "store.git", folder, ".keep"), "");
  }
  if (asLink) symlinkSync("planted", join(clone, ".agentframer"));
  git(["add", "--all", "--force"]);
  git(["commit", "--quiet", "-m", "a harmless-looking change"]);
  git(["push", "--quiet", "origin", "HEAD"]);
  return marker;
}

/** What a step printed, less the runner's own `::add-mask::` lines (the runner consumes them). */
function shown(...texts: string[]): string {
  return texts
    .join("\n")
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
}

function expectNeverRan(marker: string): void {
  for (const suffix of ["", ".fsmonitor", ".helper"]) {
    expect(existsSync(marker + suffix), `the planted command ran (${marker + suffix})`).toBe(false);
  }
}

describe("a committed store repository", () => {
  it("behind a committed .agentframer link: the built action refuses it and runs none of its config", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    const marker = await plantStoreRepo(true);

    const run = await h.run("push", pushEvent("0".repeat(40), "a harmless-looking change"));
    expectNeverRan(marker);
    for (const text of [shown(run.stdout), run.stderr, run.outputFile, run.summary]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString("base64"));
    }
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/\.agentframer.*symbolic link/);
  });

  it("as a committed folder: the built action refuses it, and with it every file a commit put there", async () => {
    h.stub = await startGitHubStub();
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    const marker = await plantStoreRepo(false);

    const run = await h.run("push", pushEvent("0".repeat(40), "a harmless-looking change"));
    expectNeverRan(marker);
    expect(shown(run.stdout, run.stderr)).not.toContain(TOKEN);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/\.agentframer.*committed/);
    expect(h.emulator.ledger.requests.create).toBe(0);
  });

  it("behind a committed .agentframer link: `pull --store git` of the built CLI refuses it", async () => {
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    const env = {
      ...GIT_TEST_ENV,
      HOME: h.remote.clone,
      AGENTFRAMER_API_URL: h.emulator.apiUrl,
      AGENTFRAMER_API_KEY: API_KEY,
      GITHUB_TOKEN: TOKEN,
    };
    // A lock whose outputs are absent: what `pull` is for.
    const rendered = await runDistCli(["render", "--no-store"], h.remote.clone, env);
    expect(rendered.code, rendered.stderr).toBe(0);
    h.remote.git(["add", "agentframer.lock"]);
    rmSync(join(h.remote.clone, "public"), { recursive: true });
    rmSync(join(h.remote.clone, ".agentframer"), { recursive: true });
    const marker = await plantStoreRepo(true);

    const run = await runDistCli(["pull", "--store", "git"], h.remote.clone, env);
    expectNeverRan(marker);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.agentframer.*symbolic link/);
  });

  it("a store repository whose config changed since the tool wrote it is made again, and runs none of it", async () => {
    h.remote = createGitRemote({ "agentframer.yml": BASE_MANIFEST });
    allowPartialClone(h.remote.bare);
    const env = {
      ...GIT_TEST_ENV,
      HOME: h.remote.clone,
      AGENTFRAMER_API_URL: h.emulator.apiUrl,
      AGENTFRAMER_API_KEY: API_KEY,
    };
    const rendered = await runDistCli(
      ["render", "--store", "git", "--store-push"],
      h.remote.clone,
      env,
    );
    expect(rendered.code, rendered.stderr).toBe(0);
    rmSync(join(h.remote.clone, "public"), { recursive: true });
    // Not committed: an earlier step (or another tool) edited the store's own config.
    const marker = join(await tempDir("af-marker-"), "ran");
    const config = join(h.remote.clone, ".agentframer", "store.git", "config");
    writeFileSync(
      config,
      readFileSync(config, "utf8") +
        `[core]\n\tsshCommand = "sh -c 'env > ${marker}; exit 1' --"\n` +
        `[url "ssh://127.0.0.1/planted"]\n\tinsteadOf = ${h.remote.bare}\n`,
    );

    const run = await runDistCli(["pull", "--store", "git"], h.remote.clone, env);
    expectNeverRan(marker);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(h.remote.clone, "public/hero.png")).length).toBeGreaterThan(0);
    expect(readFileSync(config, "utf8")).not.toContain("sshCommand");
  });
});
