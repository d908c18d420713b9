/**
 * Real temporary folders for tests that remove themselves, so a test run leaves nothing in the OS
 * temp folder. A folder made during a test (or its beforeEach) goes when that test ends; one made
 * outside a test (in a beforeAll, or while the file loads) goes when the file's tests end.
 */
import { mkdtempSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach } from "vitest";

let inTest = false;
const madeInTest: string[] = [];
const madeOutsideTests: string[] = [];

// These hooks are registered as the test file's imports load, before its own hooks. Vitest runs
// "before" hooks in that order and "after" hooks in reverse, so the folders are removed last, once
// the file's own clean-up (closing a server that writes into them, say) is done.
beforeEach(() => {
  inTest = true;
});
afterEach(async () => {
  inTest = false;
  await removeAll(madeInTest);
});
afterAll(() => removeAll(madeOutsideTests));

async function removeAll(dirs: string[]): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

function removeLater(dir: string): string {
  (inTest ? madeInTest : madeOutsideTests).push(dir);
  return dir;
}

/** A new empty folder in the OS temp folder, named `<prefix>XXXXXX`, removed as described above. */
export async function tempDir(prefix: string): Promise<string> {
  return removeLater(await mkdtemp(join(tmpdir(), prefix)));
}

/** {@link tempDir}, for callers that cannot wait. */
export function tempDirSync(prefix: string): string {
  return removeLater(mkdtempSync(join(tmpdir(), prefix)));
}
