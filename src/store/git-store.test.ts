import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRemote, GIT_TEST_ENV } from "../../test/support/git-remote.js";
import { allowPartialClone, pngEntry } from "../../test/support/store-remote.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { storeGit } from "./store-git.js";
import { createGitStore } from "./git-store.js";
import { StoreRefusedError, type Store } from "./store.js";

const AUTHOR = { name: "agentframer", email: "store@example.test" };

async function setup() {
  const remote = createGitRemote({ "README.md": "hello\n" });
  allowPartialClone(remote.bare);
  const scratch = await tempDir("af-store-");
  const warnings: string[] = [];
  let machines = 0;
  /** A store as one machine sees it: its own private repository, the same origin. */
  const machine = (): Store => {
    const gitDir = join(scratch, `machine-${machines++}.git`);
    return createGitStore({
      git: storeGit({ gitDir, env: { ...process.env, ...GIT_TEST_ENV } }),
      gitDir,
      originUrl: remote.bare,
      branch: "agentframer-store",
      label: "test store",
      warn: (m) => warnings.push(m),
      author: AUTHOR,
      sleep: async () => {},
    });
  };
  const bareGit = (args: string[]) =>
    execFileSync("git", args, { cwd: remote.bare, env: { ...process.env, ...GIT_TEST_ENV } });
  return { remote, scratch, warnings, machine, bareGit };
}

describe("git store", () => {
  it("writes entries to an orphan branch of origin that another machine restores, byte for byte", async () => {
    const { scratch, machine, bareGit } = await setup();
    const entries = ["a", "b", "c"].map((s) => pngEntry(scratch, s));
    const written = await machine().write(entries);
    const location = written.get(entries[0]!.record.hash)!.location!;
    expect(location.path).toBe(
      `${entries[0]!.record.hash.slice(0, 2)}/${entries[0]!.record.hash}.png`,
    );
    // The location names the exact bytes in the remote.
    expect(bareGit(["show", `${location.commit}:${location.path}`])).toEqual(
      readFileSync(entries[0]!.file),
    );
    expect(bareGit(["rev-list", "--count", "agentframer-store"]).toString().trim()).toBe("1");
    expect(bareGit(["log", "--format=%P", "-1", "agentframer-store"]).toString().trim()).toBe("");

    const other = machine();
    const hits = await other.lookup([entries[1]!.record.hash, "f".repeat(64)]);
    expect([...hits.keys()]).toEqual([entries[1]!.record.hash]);
    const dest = join(scratch, "out.png");
    expect(await other.fetch(hits.get(entries[1]!.record.hash)!, dest)).toBe(true);
    expect(readFileSync(dest)).toEqual(readFileSync(entries[1]!.file));
  });

  it("fetches only the blobs a restore needs, not the branch", async () => {
    const { scratch, machine } = await setup();
    const entries = Array.from({ length: 20 }, (_, i) => pngEntry(scratch, `e${i}`, 64 * 1024));
    await machine().write(entries);
    const gitDir = join(scratch, "machine-1.git");
    const reader = machine();
    const hits = await reader.lookup([entries[3]!.record.hash]);
    expect(await reader.fetch(hits.get(entries[3]!.record.hash)!, join(scratch, "x.png"))).toBe(
      true,
    );
    const local = (oid: string) =>
      execFileSync("git", ["cat-file", "-t", oid], {
        env: { ...process.env, ...GIT_TEST_ENV, GIT_DIR: gitDir, GIT_NO_LAZY_FETCH: "1" },
        stdio: ["ignore", "pipe", "ignore"],
      });
    const oidOf = (file: string) => execFileSync("git", ["hash-object", file]).toString().trim();
    expect(local(oidOf(entries[3]!.file)).toString().trim()).toBe("blob");
    for (const other of [entries[0]!, entries[19]!])
      expect(() => local(oidOf(other.file))).toThrow();
  });

  it("keeps every entry when two writers push at the same moment", async () => {
    const { scratch, machine } = await setup();
    await machine().write([pngEntry(scratch, "seed")]);
    const left = Array.from({ length: 5 }, (_, i) => pngEntry(scratch, `left${i}`));
    const right = Array.from({ length: 5 }, (_, i) => pngEntry(scratch, `right${i}`));
    await Promise.all([machine().write(left), machine().write(right)]);
    const all = [...left, ...right].map((e) => e.record.hash);
    const hits = await machine().lookup(all);
    expect(hits.size).toBe(10);
  });

  it("stops at a push the remote refuses (a read-only token), with StoreRefusedError, once", async () => {
    const { scratch, machine, remote } = await setup();
    remote.refusePushes("Permission to octo/media.git denied to github-actions[bot].");
    const write = machine().write([pngEntry(scratch, "refused")]);
    await expect(write).rejects.toBeInstanceOf(StoreRefusedError);
    await expect(write).rejects.toThrow(
      /the remote refused the push \(a token that may only read.*Permission to octo\/media\.git denied/s,
    );
    // A refusal is not a race: no second try.
    expect(remote.refusedPushes()).toBe(1);
  });

  it("writes nothing for entries it already holds", async () => {
    const { scratch, machine, bareGit } = await setup();
    const entry = pngEntry(scratch, "once");
    await machine().write([entry]);
    const again = await machine().write([entry]);
    expect(again.get(entry.record.hash)?.location?.path).toContain(entry.record.hash);
    expect(bareGit(["rev-list", "--count", "agentframer-store"]).toString().trim()).toBe("1");
  });

  it("refuses an entry whose bytes were tampered with, and leaves no file behind", async () => {
    const { remote, scratch, machine, warnings } = await setup();
    const entry = pngEntry(scratch, "victim");
    await machine().write([entry]);
    // Someone rewrites the bytes on the branch, keeping the record.
    const work = join(scratch, "tamper");
    const git = (args: string[], cwd = work) =>
      execFileSync("git", args, { cwd, env: { ...process.env, ...GIT_TEST_ENV } });
    git(["clone", "--quiet", "--branch", "agentframer-store", remote.bare, work], scratch);
    const path = `${entry.record.hash.slice(0, 2)}/${entry.record.hash}.png`;
    const bytes = readFileSync(join(work, path));
    bytes[100] = bytes[100]! ^ 0xff;
    execFileSync("sh", ["-c", `cat > '${join(work, path)}'`], { input: bytes });
    git(["commit", "--quiet", "-am", "tamper"]);
    git(["push", "--quiet", "origin", "HEAD:agentframer-store"]);

    const reader = machine();
    const hits = await reader.lookup([entry.record.hash]);
    const dest = join(scratch, "restored.png");
    expect(await reader.fetch(hits.get(entry.record.hash)!, dest)).toBe(false);
    expect(existsSync(dest)).toBe(false);
    expect(warnings.join("\n")).toMatch(/refused: its bytes do not match their SHA-256/);
  });

  it("finds nothing, without error, when origin has no store branch yet", async () => {
    const { machine } = await setup();
    expect((await machine().lookup(["a".repeat(64)])).size).toBe(0);
  });

  it("writes to exactly refs/heads/agentframer-store though branches and tags of its full name exist", async () => {
    const { remote, scratch, machine, bareGit } = await setup();
    const seed = remote.git(["rev-parse", "HEAD"]).trim();
    // Pushed at git's own spelling, these made every store write "match more than one".
    for (const shadow of [
      "refs/heads/refs/heads/agentframer-store",
      "refs/heads/a/refs/heads/agentframer-store",
      "refs/tags/refs/heads/agentframer-store",
    ])
      bareGit(["update-ref", shadow, seed]);
    const entries = ["a", "b"].map((s) => pngEntry(scratch, s));
    const first = machine();
    await first.write([entries[0]!]);
    await first.write([entries[1]!]);
    const tip = bareGit(["rev-parse", "refs/heads/agentframer-store"]).toString().trim();
    expect(bareGit(["rev-list", "--count", tip]).toString().trim()).toBe("2");
    for (const shadow of [
      "refs/heads/refs/heads/agentframer-store",
      "refs/tags/refs/heads/agentframer-store",
    ])
      expect(bareGit(["rev-parse", shadow]).toString().trim()).toBe(seed);
    const hits = await machine().lookup(entries.map((e) => e.record.hash));
    expect(hits.size).toBe(2);
    // The push's own ref is gone from the private repository.
    expect(
      execFileSync("git", ["for-each-ref", "refs/agentframer"], {
        env: { ...process.env, ...GIT_TEST_ENV, GIT_DIR: join(scratch, "machine-0.git") },
      }).toString(),
    ).toBe("");
  });
});
