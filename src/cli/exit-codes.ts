/** Exit codes, as README.md's "Exit codes" table gives them (and `--help` prints). */
export const ExitCode = {
  /** Everything done. */
  Ok: 0,
  /** Some assets failed; the others finished and are recorded. */
  AssetsFailed: 1,
  /** Invalid manifest or usage: nothing submitted, nothing written. */
  Invalid: 2,
  /** Stopped early by auth, credits or a budget; what finished is recorded. */
  Stopped: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
