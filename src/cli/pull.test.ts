import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../manifest/load.js";
import { assetHash } from "../plan/hash.js";
import { emptyLockfile, writeLockfile } from "../state/lockfile.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import { lockfilePathFor } from "../state/paths.js";
import { openStore } from "../store/open.js";
import { parseStoreSpec } from "../store/spec.js";
import { GIT_TEST_ENV } from "../../test/support/git-remote.js";
import { runIn } from "../../test/support/run-cli.js";
import { startS3Server, type S3Server } from "../../test/support/s3-server.js";
import { MANIFEST, put, workspace } from "../../test/support/workspace.js";

let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(() => server.close());

const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const STORED = MANIFEST.replace("version: 1\n", "version: 1\noutputs: store\n");

/**
 * A checkout as a clone of a store-only repository leaves it: the manifest and its lock, every
 * output in the store under `prefix`, none on disk.
 */
async function storedCheckout(
  prefix: string,
): Promise<{ dir: string; bytes: Map<string, Buffer> }> {
  const dir = await workspace(STORED);
  const manifest = await loadManifest(join(dir, "agentframer.yml"));
  const store = await openStore(parseStoreSpec(`s3://${server.bucket}/${prefix}`), {
    manifestDir: dir,
    env: server.env,
    author: { name: "t", email: "t@example.test" },
    warn: () => {},
  });
  const lock = emptyLockfile();
  const bytes = new Map<string, Buffer>();
  for (const asset of manifest.assets) {
    const data = Buffer.concat([PNG, Buffer.from(`pixels of ${asset.id}`)]);
    const sha256 = createHash("sha256").update(data).digest("hex");
    await writeFile(join(dir, "staging.png"), data);
    await store!.write([
      {
        file: join(dir, "staging.png"),
        record: {
          hash: assetHash(asset),
          sha256,
          size: data.length,
          type: "image",
          extension: "png",
          model: asset.model,
          generation: `gen-${asset.id}`,
          created: "2026-12-03T00:00:00.000Z",
        },
      },
    ]);
    bytes.set(asset.output, data);
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256,
      size: data.length,
      generation: `gen-${asset.id}`,
      renderedAt: "2026-12-03T00:00:00.000Z",
    });
  }
  await rm(join(dir, "staging.png"));
  await writeLockfile(lockfilePathFor(join(dir, "agentframer.yml")), lock);
  return { dir, bytes };
}

describe("agentframer pull", () => {
  it("puts every stored output in place, verified, and plan then sees them unchanged", async () => {
    const { dir, bytes } = await storedCheckout("pull-all");
    await rm(join(dir, ".git"), { recursive: true });
    execFileSync("git", ["init", "--quiet"], {
      cwd: dir,
      env: { ...process.env, ...GIT_TEST_ENV },
    });
    const before = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout);
    expect(before.counts).toMatchObject({ stored: 4, missing: 0, new: 0 });
    const store = `s3://${server.bucket}/pull-all`;
    const { code, stdout, stderr } = await runIn(dir, ["pull", "--store", store], {
      env: server.env,
    });
    expect(stderr).toContain(`pull: 4 output(s) to fetch from ${store} into .`);
    expect(stderr).toContain("pull: 4/4");
    expect(stdout).toBe("4 output(s) pulled\n");
    expect(code).toBe(0);
    for (const [output, data] of bytes) {
      expect((await readFile(join(dir, output))).equals(data)).toBe(true);
    }
    expect(stderr).toContain(
      "outputs: store, but git does not ignore public/, public/products/: add to ./.gitignore:\n  public/\n  public/products/\n",
    );
    await writeFile(join(dir, ".gitignore"), "public/\n");
    const quiet = await runIn(dir, ["pull", "--store", store], { env: server.env });
    expect(quiet.stderr).not.toContain("git does not ignore");
    const after = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout);
    expect(after.counts).toMatchObject({ unchanged: 4, stored: 0 });
  });

  it("refuses store bytes the lock does not record, and says what to do (exit 1)", async () => {
    const { dir } = await storedCheckout("pull-mismatch");
    const lock = JSON.parse(await readFile(lockfilePathFor(join(dir, "agentframer.yml")), "utf8"));
    lock.assets.hero.sha256 = "0".repeat(64);
    await writeFile(lockfilePathFor(join(dir, "agentframer.yml")), JSON.stringify(lock));
    const { code, stderr, stdout } = await runIn(
      dir,
      ["pull", "--store", `s3://${server.bucket}/pull-mismatch`],
      { env: server.env },
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      "hero: the store holds other bytes for this request than the lock records",
    );
    expect(stdout).toBe("3 output(s) pulled, 1 failed\n");
    await expect(readFile(join(dir, "public/hero.png"))).rejects.toThrow();
  });

  it("needs a store, and says how to give one", async () => {
    const { dir } = await storedCheckout("pull-usage");
    const { code, stderr } = await runIn(dir, ["pull"]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "pull needs a store, and none is named: --store SPEC, else $AGENTFRAMER_STORE, else git config agentframer.store, else origin's agentframer-store branch if it has one",
    );
  });

  it("lock merge, with outputs in the store, checks each entry against the store, not the disk", async () => {
    const { dir } = await storedCheckout("merge-stored");
    const full = JSON.parse(await readFile(lockfilePathFor(join(dir, "agentframer.yml")), "utf8"));
    await put(dir, "shards/1.lock", JSON.stringify(full));
    const bad = structuredClone(full);
    bad.assets.logo.sha256 = "0".repeat(64);
    await put(dir, "shards/bad.lock", JSON.stringify(bad));
    await writeFile(
      lockfilePathFor(join(dir, "agentframer.yml")),
      '{"version": 1, "assets": {}}\n',
    );
    const store = ["--store", `s3://${server.bucket}/merge-stored`];
    const refused = await runIn(dir, ["lock", "merge", "shards/bad.lock", ...store], {
      env: server.env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "logo (from shards/bad.lock): the store (s3://media/merge-stored) holds other bytes",
    );
    const merged = await runIn(dir, ["lock", "merge", "shards/1.lock", ...store], {
      env: server.env,
    });
    expect(merged.code).toBe(0);
    expect(
      JSON.parse(await readFile(lockfilePathFor(join(dir, "agentframer.yml")), "utf8")),
    ).toEqual(full);
  });
});
