/**
 * The git store's read side, at the cost of the run and not of its entries, and with every size
 * known before a byte is read:
 * - the tip is the commit of exactly `refs/heads/<branch>` (a branch whose name merely ends the
 *   same way, `a/refs/heads/<branch>`, is another branch), fetched with its trees only;
 * - its tree is listed once per tip;
 * - records and bytes are fetched in one request per batch, their sizes read from git
 *   (`cat-file --batch-check`) and checked against their bound (a record's fixed bound, the
 *   bytes' record) before any is read, then read through one `cat-file --batch`.
 */
import type { StoreGit } from "./store-git.js";
import { writeBatchedBlobs, type BlobTarget } from "./git-batch.js";
import type { VerifyVerdict } from "../net/verify-bytes.js";
import { branchRef, exactRef } from "../git/refs.js";

export const TIP_REF = "refs/store/tip";
/**
 * Ids per batch: one `cat-file --batch` of records (at most 32 MiB held, records being bounded),
 * and one fetch by id. git's fetch works on the ids it is given for longer than linearly before it
 * even asks the server (measured: 1.3 s for 20,000, 11 s for 50,000), so big sets go in pieces.
 */
const BATCH = 8_192;

export interface GitReader {
  /** The tip of exactly `refs/heads/<branch>`, with its trees; undefined while the branch is absent. */
  fetchTip(): Promise<string | undefined>;
  /** Path → blob id of every file in the commit's tree, listed once per commit. */
  listTree(commit: string): Promise<Map<string, string>>;
  /** Sizes of these blobs, fetching in one request those not here yet. Absent: not in the store. */
  sizesOf(oids: readonly string[]): Promise<Map<string, number>>;
  /** Contents of these blobs (small ones: records), in batches. */
  readSmall(oids: readonly string[]): Promise<Map<string, Buffer>>;
  /** Write each target's blob to its file through one `cat-file --batch`, checked as it goes. */
  writeBlobs(
    targets: readonly BlobTarget[],
    settle: (target: BlobTarget, verdict: VerifyVerdict) => Promise<void>,
  ): Promise<void>;
}

export function createGitReader(
  git: StoreGit,
  branch: string,
  init: () => Promise<void>,
): GitReader {
  const ref = branchRef(branch);
  /** Sizes of the objects known to be here; filled by one listing, then by each fetch. */
  let present: Map<string, number> | undefined;
  let listed: { commit: string; files: Promise<Map<string, string>> } | undefined;

  async function fetchTip(): Promise<string | undefined> {
    await init();
    const advertised = exactRef(await git.run(["ls-remote", "origin", ref]), ref);
    if (advertised === undefined) return undefined;
    // By id, not by name: the name was matched above, and a fetch by name would match it again
    // by git's own rules, which accept more than one spelling.
    await git.run([
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--depth=1",
      "--filter=blob:none",
      "origin",
      `+${advertised}:${TIP_REF}`,
    ]);
    return advertised;
  }

  function listTree(commit: string): Promise<Map<string, string>> {
    if (listed?.commit !== commit) listed = { commit, files: readTree(commit) };
    return listed.files;
  }

  async function readTree(commit: string): Promise<Map<string, string>> {
    const out = await git.run(["ls-tree", "-r", "-z", "--full-tree", commit]);
    const files = new Map<string, string>();
    for (const line of out.split("\0")) {
      const tab = line.indexOf("\t");
      if (tab === -1) continue;
      const [, type, oid] = line.slice(0, tab).split(" ");
      if (type === "blob" && oid) files.set(line.slice(tab + 1), oid);
    }
    return files;
  }

  /** `<oid> <size>` lines (batch-check's and the all-objects listing's format) into the map. */
  function addSizes(out: string, into: Map<string, number>): void {
    for (const line of out.split("\n")) {
      const [oid, size] = line.split(" ");
      if (oid && size !== undefined && /^\d+$/.test(size)) into.set(oid, Number(size));
    }
  }

  async function sizesOf(oids: readonly string[]): Promise<Map<string, number>> {
    const wanted = [...new Set(oids)];
    if (wanted.length === 0) return new Map();
    if (present === undefined) {
      // Only objects here are listed: a partial clone's missing blobs are not fetched by it.
      present = new Map();
      addSizes(
        await git.run([
          "cat-file",
          "--batch-all-objects",
          "--batch-check=%(objectname) %(objectsize)",
        ]),
        present,
      );
    }
    const missing = wanted.filter((oid) => !present!.has(oid));
    for (let at = 0; at < missing.length; at += BATCH) {
      const batch = missing.slice(at, at + BATCH);
      await git.run(
        [
          "-c",
          "fetch.negotiationAlgorithm=noop",
          "fetch",
          "--quiet",
          "--no-tags",
          "--no-write-fetch-head",
          "--recurse-submodules=no",
          "--filter=blob:none",
          "--stdin",
          "origin",
        ],
        { input: batch.join("\n") + "\n" },
      );
      // Here now (the fetch would have failed otherwise), so asking for their sizes fetches nothing.
      addSizes(
        await git.run(["cat-file", "--batch-check=%(objectname) %(objectsize)"], {
          input: batch.join("\n") + "\n",
        }),
        present,
      );
    }
    const sizes = new Map<string, number>();
    for (const oid of wanted) {
      const size = present.get(oid);
      if (size !== undefined) sizes.set(oid, size);
    }
    return sizes;
  }

  async function readSmall(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const blobs = new Map<string, Buffer>();
    for (let at = 0; at < oids.length; at += BATCH) {
      const batch = oids.slice(at, at + BATCH);
      const out = await git.runBytes(["cat-file", "--batch"], { input: batch.join("\n") + "\n" });
      let pos = 0;
      while (pos < out.length) {
        const eol = out.indexOf(0x0a, pos);
        if (eol === -1) break;
        const [oid, type, size] = out.subarray(pos, eol).toString("utf8").split(" ");
        pos = eol + 1;
        if (type === "missing" || size === undefined || oid === undefined) continue;
        const length = Number(size);
        blobs.set(oid, out.subarray(pos, pos + length));
        pos += length + 1;
      }
    }
    return blobs;
  }

  async function writeBlobs(
    targets: readonly BlobTarget[],
    settle: (target: BlobTarget, verdict: VerifyVerdict) => Promise<void>,
  ): Promise<void> {
    if (targets.length === 0) return;
    const reading = git.stream(
      ["cat-file", "--batch"],
      targets.map((t) => t.oid).join("\n") + "\n",
    );
    try {
      await writeBatchedBlobs(reading.stdout, targets, settle);
    } catch (error) {
      reading.stop();
      throw error;
    }
    await reading.done;
  }

  return { fetchTip, listTree, sizesOf, readSmall, writeBlobs };
}
