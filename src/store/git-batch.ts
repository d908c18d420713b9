/**
 * Many blobs out of one `git cat-file --batch`, each straight into its own new file: the output
 * is `<oid> blob <size>\n<bytes>\n` per requested id, in the order asked. Every blob is checked
 * while it is written (BytesCheck) and never written past its limit: a header that announces
 * more than the limit is skipped without a byte written. One process for a whole pull, instead
 * of one per entry.
 */
import { open, unlink, type FileHandle } from "node:fs/promises";
import type { BytesCheck, VerifyVerdict } from "../net/verify-bytes.js";

export interface BlobTarget {
  oid: string;
  /** A new file (`wx`): the caller renames it into place once it is settled as good. */
  dest: string;
  check: BytesCheck;
}

export class GitBatchError extends Error {
  override readonly name = "GitBatchError";
}

/** A header line longer than this is not one git writes. */
const HEADER_LIMIT = 512;

/**
 * Read `out` (the stdout of `cat-file --batch` fed `targets`' ids in order) and write each blob
 * to its target. `settle` is called once per target, in order, after its file is closed (and
 * removed when the verdict is bad). Throws GitBatchError when the stream does not follow the
 * format, after removing the file being written.
 */
export async function writeBatchedBlobs(
  out: AsyncIterable<Buffer>,
  targets: readonly BlobTarget[],
  settle: (target: BlobTarget, verdict: VerifyVerdict) => Promise<void>,
): Promise<void> {
  let index = 0;
  let header = Buffer.alloc(0);
  /** Body bytes still to come for the current target; -1 while reading a header. */
  let remaining = -1;
  let skipLf = false;
  let handle: FileHandle | undefined;
  let refusal: string | undefined;

  /** `body`: a blob was sent, and a newline follows it (a missing object has neither). */
  const finish = async (body: boolean): Promise<void> => {
    const target = targets[index] as BlobTarget;
    const verdict: VerifyVerdict =
      refusal !== undefined ? { ok: false, why: refusal } : target.check.verdict();
    if (handle) await handle.close();
    handle = undefined;
    if (!verdict.ok) await unlink(target.dest).catch(() => {});
    await settle(target, verdict);
    index += 1;
    remaining = -1;
    refusal = undefined;
    skipLf = body;
  };

  const startBody = async (line: string): Promise<void> => {
    const target = targets[index];
    if (target === undefined) throw new GitBatchError(`git cat-file: unexpected "${line}"`);
    const [oid, type, sizeText] = line.split(" ");
    if (oid !== target.oid) throw new GitBatchError(`git cat-file: "${line}" for ${target.oid}`);
    if (type === "missing" || sizeText === undefined) {
      refusal = "its bytes are not in the store";
      return finish(false);
    }
    const size = Number(sizeText);
    if (type !== "blob" || !Number.isSafeInteger(size) || size < 0)
      throw new GitBatchError(`git cat-file: "${line}"`);
    remaining = size;
    if (size > target.check.record.size) {
      refusal = `its bytes are ${size} bytes where the record says ${target.check.record.size}`;
    } else {
      try {
        handle = await open(target.dest, "wx");
      } catch (error) {
        refusal = `could not write it (${(error as Error).message})`;
      }
    }
    if (remaining === 0) await finish(true);
  };

  try {
    for await (const data of out) {
      let chunk = data;
      while (chunk.length > 0) {
        if (skipLf) {
          skipLf = false;
          chunk = chunk.subarray(1);
          continue;
        }
        if (remaining < 0) {
          const eol = chunk.indexOf(0x0a);
          if (eol === -1) {
            header = Buffer.concat([header, chunk]);
            if (header.length > HEADER_LIMIT) throw new GitBatchError("git cat-file: no header");
            break;
          }
          const line = Buffer.concat([header, chunk.subarray(0, eol)]).toString("utf8");
          header = Buffer.alloc(0);
          chunk = chunk.subarray(eol + 1);
          await startBody(line);
          continue;
        }
        const piece = chunk.subarray(0, remaining);
        chunk = chunk.subarray(piece.length);
        remaining -= piece.length;
        if (refusal === undefined && handle) {
          try {
            (targets[index] as BlobTarget).check.update(piece);
            await handle.write(piece);
          } catch (error) {
            refusal = `could not write it (${(error as Error).message})`;
          }
        }
        if (remaining === 0) await finish(true);
      }
    }
  } finally {
    if (handle) {
      await handle.close().catch(() => {});
      await unlink((targets[index] as BlobTarget).dest).catch(() => {});
    }
  }
  if (index < targets.length || remaining >= 0)
    throw new GitBatchError(`git cat-file ended after ${index} of ${targets.length} blobs`);
}
