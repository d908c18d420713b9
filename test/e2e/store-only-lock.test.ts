/**
 * `outputs: store`: the committed lock is the promise that the store holds every entry's bytes.
 * Against a real S3-compatible server on loopback (s3rver) that refuses the run's writes for real,
 * a render keeps the lock honest, exits 1 with one message that says what to do, and the next run
 * with a working store writes the bytes from the cache without a second job on the emulator.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { loadManifest } from "../../src/manifest/load.js";
import { assetHash } from "../../src/plan/hash.js";
import type { RenderResult } from "../../src/render/result.js";
import { openJournal } from "../../src/state/journal.js";
import { lockEntryFor } from "../../src/plan/lock-entry.js";
import type { Lockfile } from "../../src/state/lock-types.js";
import { openStore } from "../../src/store/open.js";
import { parseStoreSpec } from "../../src/store/spec.js";
import type { Store } from "../../src/store/store.js";
import { captureStream, TEST_KEY } from "../support/render-repo.js";
import { startS3Server, type S3Server } from "../support/s3-server.js";
import { pngEntry } from "../support/store-remote.js";
import { tempDir } from "../support/temp-dir.js";
import { TWO_SMALL_IMAGES_IN_STORE } from "../support/small-manifests.js";

const MANIFEST = TWO_SMALL_IMAGES_IN_STORE;
const CHANGED = `${MANIFEST.replace("A lighthouse at dawn", "A lighthouse at dusk")}  - id: badge
    prompt: A round enamel badge
    output: public/badge.png
`;

let s3: S3Server;
let emulator: Emulator;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3.close());
beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 1, maxMs: 5 } },
  });
  return () => emulator.close();
});

async function render(cwd: string, args: string[], env: Record<string, string>) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(["render", "--json", ...args], {
    stdout,
    stderr,
    cwd,
    env: {
      PATH: process.env.PATH,
      AGENTFRAMER_API_URL: emulator.apiUrl,
      AGENTFRAMER_API_KEY: TEST_KEY,
      CI: "1",
      ...env,
    },
  });
  return { code, result: JSON.parse(stdout.text()) as RenderResult, stderr: stderr.text() };
}

function lockOf(dir: string): Lockfile["assets"] {
  const path = join(dir, "agentframer.lock");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Lockfile).assets : {};
}

/** The store at `spec`, with working credentials. */
async function openS3(spec: string): Promise<Store> {
  const store = await openStore(parseStoreSpec(spec), {
    manifestDir: await tempDir("af-reader-"),
    env: s3.env,
    author: { name: "t", email: "t@example.test" },
    warn: () => {},
  });
  return store!;
}

/** Which of these hashes the store holds. */
async function heldInStore(spec: string, hashes: string[]): Promise<string[]> {
  return [...(await (await openS3(spec)).lookup(hashes)).keys()].sort();
}

const sha256Of = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

const statuses = (result: RenderResult) =>
  Object.fromEntries(result.assets.map((a) => [a.id, a.status]));

describe("outputs: store, when the store refuses the run's writes", () => {
  it("keeps the lock to what the store holds, exits 1 saying what to do, and the re-run writes from the cache without a job", async () => {
    const dir = await tempDir("af-store-only-");
    const spec = `s3://${s3.bucket}/refused`;
    writeFileSync(join(dir, "agentframer.yml"), MANIFEST);
    const first = await render(dir, ["--store", spec, "--store-push"], s3.env);
    expect(first.code, first.stderr).toBe(0);
    const before = lockOf(dir);
    expect(Object.keys(before).sort()).toEqual(["hero", "logo"]);

    // hero's prompt changes and badge is new; the store now refuses these credentials.
    writeFileSync(join(dir, "agentframer.yml"), CHANGED);
    const refused = { ...s3.env, AWS_ACCESS_KEY_ID: "REVOKED" };
    const failed = await render(dir, ["--store", spec, "--store-push"], refused);
    expect(failed.code).toBe(1);
    expect(statuses(failed.result)).toEqual({ hero: "failed", logo: "unchanged", badge: "failed" });
    expect(failed.result.assets.find((a) => a.id === "badge")?.error).toBe(
      "not written to the store (writing failed), so not recorded in agentframer.lock; the next run writes it from .agentframer/cache with no new job",
    );
    expect(failed.result.store?.error).toContain("403 InvalidAccessKeyId");
    const warnings = failed.stderr.split("\n").filter((l) => l.includes("did not reach the store"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `2 new outputs did not reach the store (${spec}): writing failed: `,
    );
    expect(warnings[0]).toContain(
      "With outputs: store, agentframer.lock records only what the store holds, so it leaves them out; " +
        "the bytes are kept in .agentframer/cache. Fix the store, then run the same command again: " +
        "it writes them to the store from there, with no new job.",
    );
    expect(failed.stderr).not.toContain("REVOKED");
    // The lock still says what the store holds: hero's previous render, no badge.
    expect(lockOf(dir)).toEqual(before);
    const posts = emulator.ledger.requests.create;
    expect(posts).toBe(4);

    const fixed = await render(dir, ["--store", spec, "--store-push"], s3.env);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(statuses(fixed.result)).toEqual({
      hero: "restored",
      logo: "unchanged",
      badge: "restored",
    });
    expect(emulator.ledger.requests.create).toBe(posts);
    const after = lockOf(dir);
    expect(after.logo).toEqual(before.logo);
    expect(after.hero?.hash).not.toBe(before.hero?.hash);
    const hashes = Object.values(after).map((e) => e.hash);
    expect(await heldInStore(spec, hashes)).toEqual([...hashes].sort());
    expect(after.badge?.sha256).toBe(sha256Of(join(dir, "public/badge.png")));
  });

  it("keeps new renders out of the lock when the run does not write to the store, and says how to write them", async () => {
    const dir = await tempDir("af-store-only-");
    const spec = `s3://${s3.bucket}/read-only`;
    writeFileSync(join(dir, "agentframer.yml"), MANIFEST);
    const readOnly = await render(dir, ["--store", spec], s3.env);
    expect(readOnly.code).toBe(1);
    expect(statuses(readOnly.result)).toEqual({ hero: "failed", logo: "failed" });
    expect(readOnly.stderr).toContain(
      `2 new outputs did not reach the store (${spec}): this run does not write to the store.`,
    );
    expect(readOnly.stderr).toContain(
      "Run again with a store this run writes to (CLI: --store SPEC --store-push; the action writes by default)",
    );
    expect(lockOf(dir)).toEqual({});
    // The renders are on disk meanwhile, and the run that writes pays nothing more.
    expect(existsSync(join(dir, "public/hero.png"))).toBe(true);
    const posts = emulator.ledger.requests.create;
    const pushed = await render(dir, ["--store", spec, "--store-push"], s3.env);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.result.counts).toMatchObject({ restored: 2, rendered: 0, failed: 0 });
    expect(emulator.ledger.requests.create).toBe(posts);
    const hashes = Object.values(lockOf(dir)).map((e) => e.hash);
    expect(hashes).toHaveLength(2);
    expect(await heldInStore(spec, hashes)).toEqual([...hashes].sort());
  });

  it("does not fold a dead run's completed records into the lock before the store holds their bytes", async () => {
    const dir = await tempDir("af-store-only-");
    const spec = `s3://${s3.bucket}/crashed`;
    writeFileSync(join(dir, "agentframer.yml"), MANIFEST);
    const local = await render(dir, ["--store", spec], s3.env);
    expect(local.code).toBe(1);
    // What a run killed after hero completed leaves behind: its output, its cache entry and the
    // journal's completed record, not yet in the lockfile.
    const manifest = await loadManifest(join(dir, "agentframer.yml"));
    const hero = manifest.assets.find((a) => a.id === "hero")!;
    const bytes = readFileSync(join(dir, hero.output));
    const entry = lockEntryFor(hero, {
      sha256: sha256Of(join(dir, hero.output)),
      size: bytes.length,
      generation: "gen-of-the-dead-run",
      renderedAt: new Date(0),
    });
    const journal = openJournal(join(dir, "agentframer.yml"));
    await journal.completed("hero", assetHash(hero), entry);
    await journal.close();
    const posts = emulator.ledger.requests.create;

    const refused = { ...s3.env, AWS_ACCESS_KEY_ID: "REVOKED" };
    const failed = await render(dir, ["--store", spec, "--store-push"], refused);
    expect(failed.code).toBe(1);
    expect(statuses(failed.result)).toEqual({ hero: "failed", logo: "failed" });
    expect(lockOf(dir)).toEqual({});

    const fixed = await render(dir, ["--store", spec, "--store-push"], s3.env);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(emulator.ledger.requests.create).toBe(posts);
    const hashes = Object.values(lockOf(dir)).map((e) => e.hash);
    expect(hashes).toContain(assetHash(hero));
    expect(await heldInStore(spec, hashes)).toEqual([...hashes].sort());
  });

  it("a render of a request the store already holds other bytes for records the store's bytes, not its own", async () => {
    const dir = await tempDir("af-store-only-");
    const spec = `s3://${s3.bucket}/first-writer`;
    writeFileSync(join(dir, "agentframer.yml"), MANIFEST);
    // Another machine's render of hero's request reached the store first, with other bytes (a
    // model is not bound to answer one request with one image).
    const hero = (await loadManifest(join(dir, "agentframer.yml"))).assets.find(
      (a) => a.id === "hero",
    )!;
    const theirs = pngEntry(await tempDir("af-theirs-"), "theirs");
    theirs.record.hash = assetHash(hero);
    await (await openS3(spec)).write([theirs]);

    // --force skips the lookup, so this run pays for its own render and then meets theirs.
    const forced = await render(dir, ["--force", "--store", spec, "--store-push"], s3.env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(
      "hero: the store already holds another render of this request (gen_theirs); " +
        "with outputs: store the lock records that one, and the output now holds its bytes",
    );
    const lock = lockOf(dir);
    expect(lock.hero).toMatchObject({ sha256: theirs.record.sha256, generation: "gen_theirs" });
    expect(sha256Of(join(dir, "public/hero.png"))).toBe(theirs.record.sha256);
    expect(await heldInStore(spec, [lock.logo!.hash])).toEqual([lock.logo!.hash]);
  });
});
