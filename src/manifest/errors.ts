import type { ManifestWarning, SourcePosition } from "./types.js";

export interface ManifestProblem extends SourcePosition {
  message: string;
}

export function formatProblem(p: ManifestProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

export function formatWarning(w: ManifestWarning): string {
  return `${w.file}:${w.line}:${w.col}: warning: ${w.message}`;
}

/** Every problem found in a manifest (and the files it reads), reported at once. Exit code 2. */
export class ManifestError extends Error {
  override readonly name = "ManifestError";
  readonly problems: readonly ManifestProblem[];

  constructor(
    problems: readonly ManifestProblem[],
    /** Found on the way; shown with the problems, since they may explain one. */
    readonly warnings: readonly ManifestWarning[] = [],
  ) {
    super(problems.map(formatProblem).join("\n"));
    this.problems = problems;
  }
}
