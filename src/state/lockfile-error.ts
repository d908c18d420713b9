/**
 * The lockfile's error on its own, so that the CLI can recognise it at start-up without loading
 * the lockfile code (and zod) for commands that never read a lock.
 */

/** The lockfile is missing its shape, its JSON or its version. Names the file and the way out. */
export class LockfileError extends Error {
  override readonly name = "LockfileError";
  readonly file: string;

  constructor(file: string, problem: string, remedy: string) {
    super(`${file}: ${problem}. ${remedy}`);
    this.file = file;
  }
}
