/**
 * Issue 19, the store read as a trust boundary and at the cost of the run (points 2, 3, 4, 8, 9):
 * whoever can write to the store's branch or bucket, or commit a lock, must not be able to steer
 * where bytes go, which branch is read, how much is read, or leave a mess behind a killed pull; and
 * a merge or a pull of many entries lists the store once instead of once per entry. Against a
 * real bare `origin`, and a loopback S3 stub where a real server will not misbehave on purpose.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import { assetHash } from "../../src/plan/hash.js";
import { emptyLockfile } from "../../src/state/lockfile.js";
import { lockEntryFor } from "../../src/plan/lock-entry.js";
import { serializeStoreRecord } from "../../src/store/verify.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { startFakeS3, type FakeS3 } from "../support/fake-s3.js";
import { runIn } from "../support/run-cli.js";
import { bytesPath, pngBytes, recordPath, sha256Hex, storedRepo } from "../support/stored-repo.js";
import { tempDirSync } from "../support/temp-dir.js";
import { CSV, MANIFEST, workspace } from "../support/workspace.js";

const STORED = MANIFEST.replace("version: 1\n", "version: 1\noutputs: store\n");
const FILES = { "data/products.csv": CSV };

let cli: Awaited<ReturnType<typeof compileCli>>;
beforeAll(async () => {
  cli = await compileCli();
}, 300_000);

/** Every file under `dir` whose name ends in .tmp, relative to it. */
function temps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith(".tmp"));
}

function editLock(clone: string, edit: (assets: Record<string, { output: string }>) => void) {
  const path = join(clone, "agentframer.lock");
  const lock = JSON.parse(readFileSync(path, "utf8"));
  edit(lock.assets);
  writeFileSync(path, JSON.stringify(lock, null, 2));
}

describe("pull writes only where the manifest's rules put outputs (point 2)", () => {
  it("ignores, with a warning, lock entries whose output is not the manifest's, and pulls the rest", async () => {
    const repo = await storedRepo(STORED, FILES);
    const clone = repo.fresh(3);
    editLock(clone, (assets) => {
      assets.hero!.output = "../../OUTSIDE.png";
      assets.logo!.output = ".git/hooks/post-checkout";
    });
    const { code, stdout, stderr } = await runIn(clone, ["pull", "--store", "git"], {
      env: repo.env,
    });
    expect(existsSync(join(clone, "../../OUTSIDE.png"))).toBe(false);
    expect(existsSync(join(clone, ".git/hooks/post-checkout"))).toBe(false);
    expect(existsSync(join(clone, "public/hero.png"))).toBe(false);
    expect(stderr).toContain(
      'hero: the lock records the output "../../OUTSIDE.png", the manifest public/hero.png; ignored',
    );
    expect(stderr).toContain(
      'logo: the lock records the output ".git/hooks/post-checkout", the manifest public/logo.png; ignored',
    );
    for (const output of ["public/products/a1.png", "public/products/b2.png"])
      expect(readFileSync(join(clone, output)).equals(repo.bytes.get(output)!)).toBe(true);
    expect(stdout).toBe("2 output(s) pulled, 2 failed\n");
    expect(code).toBe(1);
  });
});

describe("the store branch is matched exactly (point 3)", () => {
  it("a branch whose name ends like the store's does not shadow it: render restores the right bytes", async () => {
    const manifest = MANIFEST;
    const repo = await storedRepo(manifest, FILES, { commitLock: false });
    const hero = repo.hashes.get("hero")!;
    const logoBytes = repo.bytes.get("public/logo.png")!;
    // The shadow holds hero's entry with the logo's bytes, self-consistent so that only the ref
    // it came from can tell it apart.
    repo.editStore((dir) => {
      const record = JSON.parse(readFileSync(join(dir, recordPath(hero)), "utf8"));
      writeFileSync(
        join(dir, recordPath(hero)),
        serializeStoreRecord({ ...record, sha256: sha256Hex(logoBytes), size: logoBytes.length }),
      );
      writeFileSync(join(dir, bytesPath(hero)), logoBytes);
    }, "refs/heads/a/refs/heads/agentframer-store");
    const listed = repo.remote.git(["ls-remote", repo.remote.bare, "refs/heads/agentframer-store"]);
    expect(listed.split("\n")[0]).toContain("refs/heads/a/refs/heads/agentframer-store");

    const clone = repo.fresh();
    const { code, stdout, stderr } = await runIn(
      clone,
      ["render", "--emulator", "--store", "git", "--json"],
      { env: { ...repo.env, CI: "1" } },
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.counts).toMatchObject({ restored: 4, rendered: 0 });
    for (const [output, bytes] of repo.bytes)
      expect(readFileSync(join(clone, output)).equals(bytes), output).toBe(true);
  });
});

describe("sizes are bounded before anything is read (point 4)", () => {
  it("refuses a record larger than a record can be, and still pulls the good entries", async () => {
    const repo = await storedRepo(STORED, FILES);
    const a1 = repo.hashes.get("product-a1")!;
    repo.editStore((dir) => {
      const path = join(dir, recordPath(a1));
      const text = readFileSync(path, "utf8");
      // Still a valid record when parsed: only its size is wrong.
      writeFileSync(path, text.replace("\n", `${" ".repeat(8192)}\n`));
    });
    const clone = repo.fresh();
    const { code, stdout, stderr } = await runIn(clone, ["pull", "--store", "git"], {
      env: repo.env,
    });
    expect(stderr).toContain(`store entry ${a1.slice(0, 12)} ignored: its record is`);
    expect(stderr).toMatch(/its record is 8[0-9]{3} bytes, more than a record may be \(4096\)/);
    expect(existsSync(join(clone, "public/products/a1.png"))).toBe(false);
    expect(stdout).toBe("3 output(s) pulled, 1 failed\n");
    expect(code).toBe(1);
  });

  it("never writes a git blob larger than its record says (the pull runs with a 16 MiB file-size limit)", async () => {
    const repo = await storedRepo(STORED, FILES);
    const b2 = repo.hashes.get("product-b2")!;
    const big = Buffer.concat([pngBytes("b2", 64), Buffer.alloc(64 * 1024 * 1024)]);
    repo.editStore((dir) => writeFileSync(join(dir, bytesPath(b2)), big));
    const clone = repo.fresh();
    // Zeros compress: the store's own objects stay small, only writing the blob out would not.
    const run = spawnCli(cli.main, ["pull", "--store", "git"], repo.env, clone, [
      "/usr/bin/prlimit",
      `--fsize=${16 * 1024 * 1024}`,
    ]);
    const code = await run.exited;
    expect(run.stderr()).toContain(
      `store entry ${b2.slice(0, 12)} refused: its bytes are ${big.length} bytes where the record says 2048`,
    );
    expect(run.stderr()).not.toMatch(/EFBIG|too large/i);
    expect(existsSync(join(clone, "public/products/b2.png"))).toBe(false);
    expect(temps(join(clone, "public"))).toEqual([]);
    expect(run.stdout()).toBe("3 output(s) pulled, 1 failed\n");
    expect(code).toBe(1);
  }, 120_000);

  it("cuts an S3 body that never ends at the record's size, and one whose length is wrong is not read", async () => {
    const s3 = await startFakeS3();
    try {
      const { dir, keys } = await s3Checkout(s3, "endless");
      s3.misbehave.set(keys.get("product-a1")!, { kind: "endless" });
      s3.misbehave.set(keys.get("logo")!, { kind: "length", contentLength: 10 * 1024 * 1024 });
      const run = spawnCli(cli.main, ["pull", "--store", `s3://${s3.bucket}/endless`], s3.env, dir);
      const code = await Promise.race([
        run.exited,
        new Promise((r) => setTimeout(() => r("still running"), 60_000)),
      ]);
      run.child.kill("SIGKILL");
      expect(code, run.stderr()).toBe(1);
      expect(run.stderr()).toContain(
        `s3://media/${keys.get("product-a1")}: more than the record's 2048 bytes; not kept`,
      );
      expect(run.stderr()).toContain(
        `s3://media/${keys.get("logo")}: ${10 * 1024 * 1024} bytes where the record says 2048; not read`,
      );
      expect(s3.sent.get(keys.get("product-a1")!)).toBeLessThan(8 * 1024 * 1024);
      expect(run.stdout()).toBe("2 output(s) pulled, 2 failed\n");
      expect(existsSync(join(dir, "public/products/a1.png"))).toBe(false);
      expect(temps(join(dir, "public"))).toEqual([]);
    } finally {
      await s3.close();
    }
  }, 120_000);
});

describe("pull is crash-safe (point 8)", () => {
  it("after a SIGKILL mid-download, the next pull removes the dead run's temp files and completes", async () => {
    const s3 = await startFakeS3();
    try {
      const { dir, keys } = await s3Checkout(s3, "killed");
      const hero = keys.get("hero")!;
      s3.misbehave.set(hero, { kind: "stall", afterBytes: 1000 });
      const first = spawnCli(
        cli.main,
        ["pull", "--store", `s3://${s3.bucket}/killed`],
        s3.env,
        dir,
      );
      await waitFor(
        () => temps(join(dir, "public")).some((n) => n.includes("hero.png")),
        60_000,
        "hero's temp file",
      );
      first.child.kill("SIGKILL");
      await first.exited;
      expect(temps(join(dir, "public")).length).toBeGreaterThan(0);
      s3.misbehave.delete(hero);
      const second = spawnCli(
        cli.main,
        ["pull", "--store", `s3://${s3.bucket}/killed`],
        s3.env,
        dir,
      );
      expect(await second.exited, second.stderr()).toBe(0);
      expect(temps(join(dir, "public"))).toEqual([]);
      expect(readFileSync(join(dir, "public/hero.png")).equals(pngBytes("hero"))).toBe(true);
    } finally {
      await s3.close();
    }
  }, 180_000);
});

describe("cost follows the run, not the entries (point 9)", () => {
  it("lock merge and pull of 40 entries list the git store once and read it in batches", async () => {
    const rows = Array.from({ length: 38 }, (_, i) => `p${i},product ${i}`).join("\n");
    const repo = await storedRepo(STORED, { "data/products.csv": `sku,name\n${rows}\n` });
    const clone = repo.fresh();
    const { log, env } = countingGit(repo.env);
    mkdirSync(join(clone, "shards"));
    writeFileSync(join(clone, "shards/1.lock"), readFileSync(join(clone, "agentframer.lock")));
    writeFileSync(join(clone, "agentframer.lock"), '{"version": 1, "assets": {}}\n');
    const merged = await runIn(clone, ["lock", "merge", "shards/1.lock", "--store", "git"], {
      env,
    });
    expect(merged.stdout + merged.stderr).toContain("merged 40 entries from 1 lock");
    const mergeCalls = calls(log);
    expect(mergeCalls("ls-remote")).toBeLessThanOrEqual(1);
    expect(mergeCalls("ls-tree")).toBeLessThanOrEqual(1);
    expect(mergeCalls("fetch")).toBeLessThanOrEqual(2);
    expect(mergeCalls("cat-file")).toBeLessThanOrEqual(4);

    rmSync(log);
    const pulled = await runIn(clone, ["pull", "--store", "git"], { env });
    expect(pulled.stdout).toBe("40 output(s) pulled\n");
    const pullCalls = calls(log);
    expect(pullCalls("ls-remote")).toBeLessThanOrEqual(1);
    expect(pullCalls("ls-tree")).toBeLessThanOrEqual(1);
    expect(pullCalls("fetch")).toBeLessThanOrEqual(3);
    expect(pullCalls("cat-file")).toBeLessThanOrEqual(6);
  }, 120_000);
});

describe("a render's restores from the store cost the run, not the entries", () => {
  const products = (n: number) =>
    `sku,name\n${Array.from({ length: n }, (_, i) => `p${i},product ${i}`).join("\n")}\n`;

  it("a render of 40 store hits in a fresh clone lists the git store once and reads it in batches", async () => {
    const repo = await storedRepo(
      MANIFEST,
      { "data/products.csv": products(38) },
      {
        commitLock: false,
      },
    );
    const clone = repo.fresh();
    const { log, env } = countingGit(repo.env);
    const run = spawnCli(
      cli.main,
      ["render", "--emulator", "--store", "git", "--json"],
      {
        ...env,
        CI: "1",
      },
      clone,
    );
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const result = JSON.parse(run.stdout());
    expect(result.counts).toMatchObject({ restored: 40, rendered: 0 });
    for (const [output, bytes] of repo.bytes)
      expect(readFileSync(join(clone, output)).equals(bytes), output).toBe(true);
    const count = calls(log);
    // One tip and one listing; the records, then the bytes, each fetched in one request and
    // read through one `cat-file --batch` (before: a fetch and two cat-files per entry).
    expect(count("ls-remote")).toBeLessThanOrEqual(1);
    expect(count("ls-tree")).toBeLessThanOrEqual(1);
    expect(count("fetch")).toBeLessThanOrEqual(3);
    expect(count("cat-file")).toBeLessThanOrEqual(6);
    // …and the shim saw them: a fresh clone cannot restore 40 entries without a fetch and a read.
    expect(count("fetch")).toBeGreaterThanOrEqual(1);
    expect(count("cat-file")).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("checks every entry of the batch before reading it: an oversized record and blob are refused and rendered instead, the rest restored", async () => {
    const repo = await storedRepo(MANIFEST, FILES, { commitLock: false });
    const [a1, b2] = [repo.hashes.get("product-a1")!, repo.hashes.get("product-b2")!];
    const big = Buffer.concat([pngBytes("b2", 64), Buffer.alloc(64 * 1024 * 1024)]);
    repo.editStore((dir) => {
      const path = join(dir, recordPath(a1));
      writeFileSync(path, readFileSync(path, "utf8").replace("\n", `${" ".repeat(8192)}\n`));
      writeFileSync(join(dir, bytesPath(b2)), big);
    });
    const clone = repo.fresh();
    const run = spawnCli(
      cli.main,
      ["render", "--emulator", "--store", "git", "--json"],
      repo.env,
      clone,
      ["/usr/bin/prlimit", `--fsize=${16 * 1024 * 1024}`],
    );
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(run.stderr()).toMatch(
      new RegExp(`store entry ${a1.slice(0, 12)} ignored: its record is 8[0-9]{3} bytes`),
    );
    expect(run.stderr()).toContain(
      `store entry ${b2.slice(0, 12)} refused: its bytes are ${big.length} bytes where the record says 2048`,
    );
    const result = JSON.parse(run.stdout());
    expect(result.counts).toMatchObject({ restored: 2, rendered: 2 });
    for (const output of ["public/hero.png", "public/logo.png"])
      expect(readFileSync(join(clone, output)).equals(repo.bytes.get(output)!), output).toBe(true);
    // The refused ones were rendered (the emulator's bytes), never the store's.
    for (const output of ["public/products/a1.png", "public/products/b2.png"]) {
      const written = readFileSync(join(clone, output));
      expect(written.length).toBeLessThan(16 * 1024 * 1024);
      expect(written.equals(repo.bytes.get(output)!), output).toBe(false);
    }
    expect(temps(join(clone, "public"))).toEqual([]);
  }, 120_000);

  it("a render of 40 hits from S3 lists the prefix once and GETs each entry's bytes once", async () => {
    const s3 = await startFakeS3();
    try {
      const { dir, bytes } = await s3Checkout(s3, "hits", {
        manifest: MANIFEST,
        csv: products(38),
        lock: false,
      });
      // A reader's run (no CI): it restores and writes nothing back.
      const run = spawnCli(
        cli.main,
        ["render", "--emulator", "--store", `s3://${s3.bucket}/hits`, "--json"],
        s3.env,
        dir,
      );
      const code = await run.exited;
      expect(code, run.stderr()).toBe(0);
      expect(JSON.parse(run.stdout()).counts).toMatchObject({ restored: 40, rendered: 0 });
      for (const [output, data] of bytes)
        expect(readFileSync(join(dir, output)).equals(data), output).toBe(true);
      const listings = s3.requests.filter((r) => r === "LIST").length;
      expect(listings).toBeGreaterThanOrEqual(1);
      expect(listings).toBeLessThanOrEqual(2);
      expect(s3.requests.filter((r) => r.startsWith("GET") && r.endsWith(".json"))).toHaveLength(
        40,
      );
      expect(s3.requests.filter((r) => r.startsWith("GET") && r.endsWith(".png"))).toHaveLength(40);
      expect(s3.requests.filter((r) => r.startsWith("PUT"))).toEqual([]);
    } finally {
      await s3.close();
    }
  }, 120_000);

  // A replaced render is shown in the report's "Before" only from a store a browser can open
  // (git); S3 cannot show one, so its record is not read: up to hundreds of GETs on a big PR.
  it.each([
    ["4 assets (looked up one by one)", CSV],
    ["40 assets (looked up by listing)", products(38)],
  ])(
    "a render that replaces %s reads none of the previous renders' records from S3",
    async (_label, csv) => {
      const s3 = await startFakeS3();
      try {
        const { dir, keys } = await s3Checkout(s3, "replaced", { manifest: MANIFEST, csv });
        // Every asset asked for again, at another size: each replaces the render the lock names.
        writeFileSync(
          join(dir, "agentframer.yml"),
          MANIFEST.replace(
            "params: { width: 512, height: 512 }",
            "params: { width: 256, height: 256 }",
          ),
        );
        const run = spawnCli(
          cli.main,
          ["render", "--emulator", "--store", `s3://${s3.bucket}/replaced`, "--json"],
          s3.env,
          dir,
        );
        const code = await run.exited;
        expect(code, run.stderr()).toBe(0);
        expect(JSON.parse(run.stdout()).counts).toMatchObject({
          rendered: keys.size,
          restored: 0,
        });
        const replacedRecords = [...keys.values()].map((key) => key.replace(/\.png$/, ".json"));
        for (const record of replacedRecords)
          expect(
            s3.requests.filter((r) => r === `GET ${record}`),
            record,
          ).toEqual([]);
        expect(s3.requests.filter((r) => r.startsWith("GET") && r.endsWith(".png"))).toEqual([]);
      } finally {
        await s3.close();
      }
    },
    120_000,
  );
});

/** A `git` first on PATH that logs each command's arguments, then runs the real one. */
function countingGit(env: NodeJS.ProcessEnv): { log: string; env: NodeJS.ProcessEnv } {
  const bin = tempDirSync("af-git-shim-");
  const log = join(bin, "calls.log");
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(
    join(bin, "git"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`,
  );
  chmodSync(join(bin, "git"), 0o755);
  return { log, env: { ...env, PATH: `${bin}:${env.PATH ?? ""}` } };
}

/** How many logged git commands ran `subcommand`. */
function calls(log: string): (subcommand: string) => number {
  const lines = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
  return (subcommand) => lines.filter((l) => l.split(" ").includes(subcommand)).length;
}

/**
 * A store-only checkout whose every output is in the fake S3 bucket under `prefix`, as the
 * store's layout puts it, and none on disk. `keys` names each asset's bytes object, `bytes` each
 * output's bytes. With `lock: false`, an ordinary (not store-only) manifest with no lock: every
 * asset is new to a render, which finds it in the store.
 */
async function s3Checkout(
  s3: FakeS3,
  prefix: string,
  { manifest: text = STORED, csv = CSV, lock: withLock = true } = {},
): Promise<{ dir: string; keys: Map<string, string>; bytes: Map<string, Buffer> }> {
  const dir = await workspace(text, csv);
  const manifest = await loadManifest(join(dir, "agentframer.yml"));
  const bytes = new Map<string, Buffer>();
  const lock = emptyLockfile();
  const keys = new Map<string, string>();
  for (const asset of manifest.assets) {
    const data = pngBytes(asset.id);
    const hash = assetHash(asset);
    const record = {
      hash,
      sha256: sha256Hex(data),
      size: data.length,
      type: "image" as const,
      extension: "png",
      model: asset.model,
      generation: `gen-${asset.id}`,
      created: "2026-12-03T00:00:00.000Z",
    };
    s3.objects.set(`${prefix}/${recordPath(hash)}`, Buffer.from(serializeStoreRecord(record)));
    s3.objects.set(`${prefix}/${bytesPath(hash)}`, data);
    keys.set(asset.id, `${prefix}/${bytesPath(hash)}`);
    bytes.set(asset.output, data);
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256: record.sha256,
      size: data.length,
      generation: record.generation,
      renderedAt: record.created,
    });
  }
  if (withLock) writeFileSync(join(dir, "agentframer.lock"), JSON.stringify(lock, null, 2));
  return { dir, keys, bytes };
}

describe("cost follows the run on S3 too (point 9)", () => {
  it("a lookup of 40 entries lists once and reads the writers' index, not each record; an entry no index names is still found", async () => {
    const s3 = await startFakeS3();
    try {
      const { dir, keys } = await s3Checkout(s3, "indexed");
      const { openStore } = await import("../../src/store/open.js");
      const { parseStoreSpec } = await import("../../src/store/spec.js");
      const warnings: string[] = [];
      const open = () =>
        openStore(parseStoreSpec(`s3://${s3.bucket}/indexed-2`), {
          manifestDir: dir,
          env: s3.env,
          author: { name: "t", email: "t@example.test" },
          warn: (m) => warnings.push(m),
        });
      // Two shards write 20 entries each; then a fan-in looks up all 40 and one unknown.
      const staging = tempDirSync("af-s3-index-");
      const entries = Array.from({ length: 40 }, (_, i) => {
        const bytes = pngBytes(`e${i}`);
        const file = join(staging, `${i}.png`);
        writeFileSync(file, bytes);
        const hash = sha256Hex(Buffer.from(`request ${i}`));
        return {
          file,
          record: {
            hash,
            sha256: sha256Hex(bytes),
            size: bytes.length,
            type: "image" as const,
            extension: "png",
            model: "flux-1.1-pro",
            generation: `gen-${i}`,
            created: "2026-12-03T00:00:00.000Z",
          },
        };
      });
      await (await open())!.write(entries.slice(0, 20));
      await (await open())!.write(entries.slice(20));
      // An entry from before the index: its record only.
      const old = entries[0]!.record;
      s3.objects.set(
        `indexed-2/${recordPath("ab".repeat(32))}`,
        Buffer.from(serializeStoreRecord({ ...old, hash: "ab".repeat(32) })),
      );
      s3.objects.set(`indexed-2/${bytesPath("ab".repeat(32))}`, pngBytes("e0"));
      s3.requests.length = 0;
      const hits = await (await open())!.lookup([
        ...entries.map((e) => e.record.hash),
        "ab".repeat(32),
        "cd".repeat(32),
      ]);
      expect(hits.size).toBe(41);
      expect(hits.get(entries[7]!.record.hash)?.record).toEqual(entries[7]!.record);
      expect(s3.requests.filter((r) => r === "LIST")).toHaveLength(1);
      expect(s3.requests.filter((r) => r.startsWith("GET indexed-2/index/"))).toHaveLength(2);
      // The two entries no index names: two GETs (one finds nothing), no listing of everything.
      expect(s3.requests.filter((r) => r.endsWith(".json")).sort()).toEqual([
        `GET indexed-2/${recordPath("ab".repeat(32))}`,
        `GET indexed-2/${recordPath("cd".repeat(32))}`,
      ]);
      expect(keys.size).toBe(4);

      // Without indexes (written before them): one listing of everything, then its records.
      for (const key of [...s3.objects.keys()])
        if (key.startsWith("indexed-2/index/")) s3.objects.delete(key);
      s3.requests.length = 0;
      expect((await (await open())!.lookup(entries.map((e) => e.record.hash))).size).toBe(40);
      expect(s3.requests.filter((r) => r === "LIST")).toHaveLength(2);
      expect(s3.requests.filter((r) => r.endsWith(".json"))).toHaveLength(40);

      // Credentials that may not list (no s3:ListBucket) still find every entry, a record each.
      s3.denyListing = true;
      const wanted = [...entries.map((e) => e.record.hash), "ab".repeat(32)];
      expect((await (await open())!.lookup(wanted)).size).toBe(41);
      expect(warnings.join("\n")).toContain(
        "s3://media/indexed-2: these credentials may not list the prefix (403); reading each record instead (allow s3:ListBucket on the prefix",
      );
    } finally {
      await s3.close();
    }
  });
});
