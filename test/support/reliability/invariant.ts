/**
 * The one invariant every reliability test ends with, whatever fault or crash it staged:
 *
 * 1. every asset of the manifest has exactly one terminal record — rendered, restored or
 *    unchanged, or failed with its reason;
 * 2. the emulator created at most one job per asset content (per request body and per
 *    idempotency key), and exactly one for each asset whose output came from a job;
 * 3. each output's SHA-256 and size are what the server sent for the job the lock names;
 * 4. no temp or partial file is left anywhere in the repository folder;
 * 5. the lockfile parses and agrees with the files on disk;
 * 6. the API key is in no file under the repository and in no captured output (stdout, stderr,
 *    the --json document, a comment, a summary, the action's outputs) — in any case and in
 *    URL-encoded forms, since a server can echo it as `SK_LIVE_…` in a host name or `sk%5Flive…`.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import type { Emulator, LedgerJob } from "../../../src/emulator/types.js";
import { loadManifest } from "../../../src/manifest/load.js";
import { assetHash } from "../../../src/plan/hash.js";
import type { LockEntry } from "../../../src/state/lock-types.js";
import { readLockfile } from "../../../src/state/lockfile.js";
import { lockfilePathFor } from "../../../src/state/paths.js";
import { idempotencyKey } from "../../../src/render/api/idempotency-key.js";
import type { AssetOutcome, RenderResult } from "../../../src/render/result.js";

export interface InvariantInput {
  /** The repository root (the temp folder the test made). */
  dir: string;
  /** Absolute path of the manifest. */
  manifest: string;
  emulator: Emulator;
  /** The last run's result; without it, terminal records are read from the lockfile alone. */
  result?: RenderResult;
  /** The API key to scan for. */
  secret: string;
  /** Everything the runs printed (stdout, stderr, the --json document) and published. */
  captured?: readonly string[];
  /** Assets expected to end failed, with what their reason must say. Others must succeed. */
  failed?: Readonly<Record<string, RegExp>>;
  /** Assets rendered with --force (a new key, so a second job for the same content is right). */
  forced?: readonly string[];
  /** Assets the last run left out on purpose (--only, --shard): their record is `skipped`. */
  excluded?: readonly string[];
}

export interface InvariantReport {
  /** Lock entries checked against the disk and the ledger. */
  verified: number;
  jobs: LedgerJob[];
}

const SUCCEEDED: ReadonlySet<AssetOutcome> = new Set(["rendered", "restored", "unchanged"]);

export async function assertInvariant(input: InvariantInput): Promise<InvariantReport> {
  const { dir, emulator, secret } = input;
  const manifest = await loadManifest(input.manifest);
  const lock = await readLockfile(lockfilePathFor(input.manifest));
  const jobs = emulator.ledger.jobs();
  const jobsById = new Map(jobs.map((j) => [j.id, j]));
  const expectedFailures = input.failed ?? {};
  const forced = new Set(input.forced ?? []);

  // 1. One terminal record per asset.
  if (input.result) {
    const records = input.result.assets;
    expect(records.map((r) => r.id).sort()).toEqual(manifest.assets.map((a) => a.id).sort());
    for (const record of records) {
      const reason = expectedFailures[record.id];
      if (input.excluded?.includes(record.id)) {
        expect(record.status, record.id).toBe("skipped");
      } else if (reason) {
        expect(record.status, `${record.id} should fail`).toBe("failed");
        expect(record.error ?? "", record.id).toMatch(reason);
      } else {
        expect(SUCCEEDED.has(record.status), `${record.id}: ${record.status} ${record.error}`).toBe(
          true,
        );
      }
    }
  }

  // 2. One job per asset content: per idempotency key and per request body.
  const byBody = new Map<string, LedgerJob[]>();
  for (const job of jobs) {
    expect(emulator.ledger.jobsByKey(job.key), job.key).toHaveLength(1);
    byBody.set(job.bodyHash, [...(byBody.get(job.bodyHash) ?? []), job]);
  }
  const forcedHashes = new Set(
    manifest.assets.filter((a) => forced.has(a.id)).map((a) => assetHash(a)),
  );
  for (const [bodyHash, same] of byBody) {
    const keys = same.map((j) => j.key);
    const isForced = keys.some((k) => [...forcedHashes].some((h) => k.startsWith(`af1-${h}`)));
    if (!isForced)
      expect(same, `jobs for one body ${bodyHash}: ${keys.join(", ")}`).toHaveLength(1);
  }

  // 3 and 5. The lock agrees with the disk, and with what the server sent.
  let verified = 0;
  for (const asset of manifest.assets) {
    const entry: LockEntry | undefined = lock.assets[asset.id];
    const shouldSucceed = expectedFailures[asset.id] === undefined;
    const record = input.result?.assets.find((r) => r.id === asset.id);
    if (!shouldSucceed && !entry) continue;
    if (record && !SUCCEEDED.has(record.status) && !entry) continue;
    expect(entry, `lock entry for ${asset.id}`).toBeDefined();
    if (!entry) continue;
    if (shouldSucceed)
      expect(entry.hash, `${asset.id} is locked at its current hash`).toBe(assetHash(asset));
    const onDisk = await fileDigest(join(manifest.dir, entry.output));
    expect(onDisk, `${entry.output} on disk`).toEqual({ sha256: entry.sha256, size: entry.size });
    const job = jobsById.get(entry.generation);
    if (job) {
      expect({ sha256: job.sha256, size: job.size }, `${asset.id} vs the ledger`).toEqual({
        sha256: entry.sha256,
        size: entry.size,
      });
    }
    if (shouldSucceed && entry.hash === assetHash(asset) && !forced.has(asset.id)) {
      // The output came from the one job this content's key created.
      expect(job, `${asset.id}'s generation ${entry.generation} is in the ledger`).toBeDefined();
      expect(job?.key).toBe(idempotencyKey(entry.hash));
    }
    verified += 1;
  }

  // 4. No temp or partial file anywhere.
  const files = await filesUnder(dir);
  expect(
    files.filter((f) => /\.tmp$/.test(f) || /(^|\/)\.[^/]+\.[0-9a-f]{12}\.tmp$/.test(f)),
    "temp or partial files",
  ).toEqual([]);

  // 6. The key is nowhere, in any case or encoding.
  for (const file of files) {
    const text = (await readFile(join(dir, file))).toString("latin1");
    expect(showsKey(text, secret), `the API key is in ${file}`).toBe(false);
  }
  for (const [i, text] of (input.captured ?? []).entries()) {
    expect(showsKey(text, secret), `the API key is in captured output #${i}`).toBe(false);
  }
  if (input.result) expect(showsKey(JSON.stringify(input.result), secret)).toBe(false);
  expect(emulator.ledger.keyReachedResultsOrigin(), "the key reached the results origin").toBe(
    false,
  );
  return { verified, jobs };
}

/**
 * Whether `text` shows `secret`: as is, in another case, or percent-encoded (once or twice, as
 * a URL inside a URL's query is). Every scan of what a run wrote or printed goes through here.
 */
export function showsKey(text: string, secret: string): boolean {
  const wanted = secret.toLowerCase();
  let current = text;
  for (let round = 0; round < 3; round += 1) {
    if (current.toLowerCase().includes(wanted)) return true;
    const decoded = current.replace(/%[0-9a-f]{2}/gi, (hex) =>
      String.fromCharCode(parseInt(hex.slice(1), 16)),
    );
    if (decoded === current) return false;
    current = decoded;
  }
  return current.toLowerCase().includes(wanted);
}

async function fileDigest(path: string): Promise<{ sha256: string; size: number } | undefined> {
  const exists = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return undefined;
  const bytes = await readFile(path);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}

/** Every file under `root`, relative, `.git` included (a key there would leak just the same). */
export async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk("");
  return out.sort();
}
