import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitIn } from "../git/runner.js";
import { openStore } from "../store/open.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../../test/support/git-remote.js";
import { eventFile, pushEvent, recordingHost } from "../../test/support/action-host.js";
import { CSV, MANIFEST, put, renderAll } from "../../test/support/workspace.js";
import type { ActionDeps } from "./deps.js";
import { renderEngine } from "./engine.js";
import { runAction } from "./run.js";

let remote: GitRemote | undefined;
afterEach(() => {
  remote?.cleanup();
  remote = undefined;
});

/**
 * A fan-in job's checkout: the manifest committed with an empty lock; the shards' outputs put in
 * place (as an artifact download would) and their two locks under `shards/`.
 */
async function fanInCheckout(): Promise<{
  remote: GitRemote;
  deps: ActionDeps;
  renders: () => number;
}> {
  remote = createGitRemote({
    "agentframer.yml": MANIFEST,
    "data/products.csv": CSV,
    "agentframer.lock": '{"version": 1, "assets": {}}\n',
  });
  const dir = remote.clone;
  await renderAll(dir);
  const full = JSON.parse(readFileSync(join(dir, "agentframer.lock"), "utf8"));
  const pick = (ids: string[]) =>
    JSON.stringify({
      version: 1,
      assets: Object.fromEntries(ids.map((id) => [id, full.assets[id]])),
    });
  await put(dir, "shards/lock-1/agentframer.lock", pick(["hero", "logo"]));
  await put(dir, "shards/lock-2/agentframer.lock", pick(["product-a1", "product-b2"]));
  writeFileSync(join(dir, "agentframer.lock"), '{"version": 1, "assets": {}}\n');
  let renders = 0;
  const engine = renderEngine(undefined);
  const host = recordingHost({ "lock-merge": "shards", cache: "false", "api-key": "k" });
  const deps: ActionDeps = {
    host,
    env: {
      GITHUB_WORKSPACE: dir,
      GITHUB_REPOSITORY: "octo/media",
      GITHUB_EVENT_NAME: "push",
      GITHUB_EVENT_PATH: eventFile(pushEvent("a".repeat(40))),
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: remote.remoteHead(),
    },
    engine: {
      plan: engine.plan,
      render: async (config) => {
        renders += 1;
        return engine.render(config);
      },
    },
    cacheBackend: () => Promise.reject(new Error("no cache in this test")),
    commentApi: () => Promise.reject(new Error("no comments in this test")),
    pullLookup: () => Promise.reject(new Error("no pull requests in this test")),
    git: (cwd) => gitIn(cwd, { ...process.env, ...GIT_TEST_ENV }),
    openStore,
  };
  return { remote, deps, renders: () => renders };
}

describe("the action's lock-merge input (a matrix's fan-in)", () => {
  it("merges the shards' locks and commits the lock and outputs once, rendering nothing", async () => {
    const { remote, deps, renders } = await fanInCheckout();
    await runAction(deps);
    const host = deps.host as ReturnType<typeof recordingHost>;
    expect(host.failed).toEqual([]);
    expect(renders()).toBe(0);
    const sha = remote.remoteHead();
    expect(host.outputs["commit-sha"]).toBe(sha);
    expect(remote.filesIn(sha)).toEqual([
      "agentframer.lock",
      "public/hero.png",
      "public/logo.png",
      "public/products/a1.png",
      "public/products/b2.png",
    ]);
    const committed = JSON.parse(remote.git(["show", `${sha}:agentframer.lock`]));
    expect(Object.keys(committed.assets).sort()).toEqual([
      "hero",
      "logo",
      "product-a1",
      "product-b2",
    ]);
    expect(host.groups).toEqual(["Merge locks", "Publish"]);
  });

  it("fails naming both locks when they disagree, and commits nothing", async () => {
    const { remote, deps } = await fanInCheckout();
    const path = join(remote.clone, "shards/lock-2/agentframer.lock");
    const lock = JSON.parse(readFileSync(path, "utf8"));
    const hero = JSON.parse(
      readFileSync(join(remote.clone, "shards/lock-1/agentframer.lock"), "utf8"),
    ).assets.hero;
    lock.assets.hero = { ...hero, sha256: "0".repeat(64) };
    writeFileSync(path, JSON.stringify(lock));
    const head = remote.remoteHead();
    await runAction(deps);
    const host = deps.host as ReturnType<typeof recordingHost>;
    expect(host.errors.map((e) => e.message).join("\n")).toContain(
      "hero: shards/lock-1/agentframer.lock and shards/lock-2/agentframer.lock hold different results",
    );
    expect(host.failed[0]).toContain("nothing was written or committed");
    expect(remote.remoteHead()).toBe(head);
  });
});
