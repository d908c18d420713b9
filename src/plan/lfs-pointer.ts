/**
 * Git LFS pointer files. Where outputs are tracked by LFS and the checkout did not fetch LFS
 * objects (actions/checkout without `lfs: true`), each output on disk is a small text file naming
 * the real file's SHA-256 and size. When those are the lock's, the output is the recorded one,
 * only not fetched: plan calls it unchanged, and nothing is submitted to replace it.
 * https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
 */
import { closeSync, openSync, readSync } from "node:fs";

/** The spec caps a pointer file at 1024 bytes: anything larger is never read as one. */
export const LFS_POINTER_MAX_BYTES = 1024;

const POINTER =
  /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\nsize (\d+)\n/;

export interface LfsPointer {
  sha256: string;
  size: number;
}

/** The object a pointer file's text names, or undefined when the text is not a pointer. */
export function parseLfsPointer(text: string): LfsPointer | undefined {
  const match = POINTER.exec(text);
  if (match === null) return undefined;
  return { sha256: match[1] as string, size: Number(match[2]) };
}

/** Reads `path` (of `size` bytes, at most LFS_POINTER_MAX_BYTES) as a pointer file. */
export function readLfsPointer(path: string, size: number): LfsPointer | undefined {
  if (size > LFS_POINTER_MAX_BYTES) return undefined;
  const buffer = Buffer.alloc(size);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const read = readSync(fd, buffer, 0, size, 0);
    return parseLfsPointer(buffer.toString("latin1", 0, read));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The one line a plan or render prints when it found outputs that are LFS pointers. */
export function lfsPointerNote(count: number): string {
  return (
    `${count} output${count === 1 ? " is a Git LFS pointer" : "s are Git LFS pointers"} ` +
    "(LFS files were not fetched) naming the bytes the lock records, so " +
    `${count === 1 ? "it counts" : "they count"} as unchanged and nothing is rendered for ` +
    "them. To have the files themselves, run `git lfs pull`, or set `lfs: true` on actions/checkout."
  );
}
