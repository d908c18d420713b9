/**
 * `render`, `pull` and `lock merge` choose their store by one rule: `--store`, else
 * `AGENTFRAMER_STORE`, else `git config agentframer.store`, else `origin`'s `agentframer-store`
 * branch. A repository where every source names a different store, then loses them one by one:
 * each command, run as a user runs it, must pick the same store at every step.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import type { RenderResult } from "../../src/render/result.js";
import { emptyLockfile, writeLockfile } from "../../src/state/lockfile.js";
import { lockEntryFor } from "../../src/plan/lock-entry.js";
import { createGitRemote, GIT_TEST_ENV, type GitRemote } from "../support/git-remote.js";
import { runIn } from "../support/run-cli.js";
import { startS3Server, type S3Server } from "../support/s3-server.js";
import { put } from "../support/workspace.js";

const MANIFEST = `version: 1
outputs: store
defaults: { type: image, model: flux-1.1-pro, params: { width: 64, height: 64 } }
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
`;
const ORIGIN_BRANCH = "git branch agentframer-store of origin";

let s3: S3Server;
let remote: GitRemote;
beforeAll(async () => {
  s3 = await startS3Server();
  remote = createGitRemote({ "agentframer.yml": MANIFEST });
  // What a checkout that ran `pull` holds: the output in place and the lock recording it; and a
  // shard's copy of that lock, for the fan-in to merge.
  const manifest = await loadManifest(join(remote.clone, "agentframer.yml"));
  const lock = emptyLockfile();
  for (const asset of manifest.assets) {
    const bytes = `pixels of ${asset.id}`;
    await put(remote.clone, asset.output, bytes);
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      generation: `gen-${asset.id}`,
      renderedAt: "2026-12-03T00:00:00.000Z",
    });
  }
  await writeLockfile(join(remote.clone, "agentframer.lock"), lock);
  await mkdir(join(remote.clone, "shards"));
  await writeLockfile(join(remote.clone, "shards", "1.lock"), lock);
});
afterAll(async () => {
  await s3.close();
  remote.cleanup();
});

/** The store each command picked, as each shows it to its user. */
async function chosenBy(args: string[], env: Record<string, string>) {
  const options = { env: { PATH: process.env.PATH ?? "", ...GIT_TEST_ENV, ...s3.env, ...env } };
  const render = await runIn(remote.clone, ["render", "--emulator", "--json", ...args], options);
  // The fan-in's own lock lacks the shard's entry, so the merge checks it against the store.
  await writeLockfile(join(remote.clone, "agentframer.lock"), emptyLockfile());
  const pull = await runIn(remote.clone, ["pull", ...args], options);
  const merge = await runIn(remote.clone, ["lock", "merge", "shards/1.lock", ...args], options);
  await copyFile(join(remote.clone, "shards", "1.lock"), join(remote.clone, "agentframer.lock"));
  return {
    render: (JSON.parse(render.stdout) as RenderResult).store?.label,
    pull: /pull: \d+ output\(s\) to fetch from (.+) into \.\n/.exec(pull.stderr)?.[1],
    merge: /is not in the store \((.+)\)\n/.exec(merge.stderr)?.[1],
    stderr: { pull: pull.stderr, merge: merge.stderr },
  };
}

describe("one way to choose the store, for render, pull and lock merge", () => {
  it("--store, else AGENTFRAMER_STORE, else git config agentframer.store, else origin's agentframer-store branch", async () => {
    remote.git(["push", "--quiet", "origin", "HEAD:refs/heads/agentframer-store"]);
    remote.git(["config", "agentframer.store", `s3://${s3.bucket}/config`]);
    const fromEnv = { AGENTFRAMER_STORE: `s3://${s3.bucket}/env` };
    const flag = ["--store", `s3://${s3.bucket}/flag`];
    const all = (label: string) => ({ render: label, pull: label, merge: label });

    expect(await chosenBy(flag, fromEnv)).toMatchObject(all(`s3://${s3.bucket}/flag`));
    expect(await chosenBy([], fromEnv)).toMatchObject(all(`s3://${s3.bucket}/env`));
    // An empty variable (a CI template with no value) names nothing.
    expect(await chosenBy([], { AGENTFRAMER_STORE: "" })).toMatchObject(
      all(`s3://${s3.bucket}/config`),
    );
    remote.git(["config", "--unset", "agentframer.store"]);
    expect(await chosenBy([], {})).toMatchObject(all(ORIGIN_BRANCH));

    remote.git(["push", "--quiet", "origin", "--delete", "agentframer-store"]);
    const none = await chosenBy([], {});
    expect(none.render).toBeUndefined();
    const rule =
      "--store SPEC, else $AGENTFRAMER_STORE, else git config agentframer.store, else origin's agentframer-store branch if it has one";
    expect(none.stderr.pull).toContain(`pull needs a store, and none is named: ${rule}`);
    expect(none.stderr.merge).toContain(
      `the manifest keeps outputs in the store (outputs: store), and none is named: merging needs the store that holds them (${rule})`,
    );
  });

  it("--store none and a bad spec say which source they came from, the same in all three", async () => {
    const off = await chosenBy([], { AGENTFRAMER_STORE: "none" });
    expect(off.render).toBeUndefined();
    expect(off.stderr.pull).toContain("pull needs a store, and AGENTFRAMER_STORE says none");
    expect(off.stderr.merge).toContain(
      "the manifest keeps outputs in the store (outputs: store), and AGENTFRAMER_STORE says none",
    );

    remote.git(["config", "agentframer.store", "ftp://media"]);
    const options = { env: { PATH: process.env.PATH ?? "", ...GIT_TEST_ENV } };
    const wanted =
      'git config agentframer.store: store "ftp://media" is not one of: git, git:BRANCH, s3://BUCKET/PREFIX, none';
    for (const args of [["render", "--emulator"], ["pull"], ["lock", "merge", "shards/1.lock"]]) {
      const { code, stderr } = await runIn(remote.clone, args, options);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toContain(wanted);
    }
    remote.git(["config", "--unset", "agentframer.store"]);
  });
});
