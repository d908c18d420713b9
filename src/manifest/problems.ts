import { isAbsolute, relative, sep } from "node:path";
import type { ManifestProblem } from "./errors.js";
import type { SourcePosition } from "./types.js";

/**
 * How a file is named in messages: relative to the working directory, with forward slashes, as a
 * compiler prints it, so that editors, terminals and GitHub problem matchers can open it. A file
 * on another drive (no relative form) keeps its absolute path.
 */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  if (rel === "" || isAbsolute(rel)) return absolutePath;
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** Collects problems from every stage, dropping exact repeats (a default shared by many assets). */
export class ProblemList {
  private readonly items: ManifestProblem[] = [];
  private readonly seen = new Set<string>();

  add(at: SourcePosition, message: string): void {
    const key = `${at.file}\u0000${at.line}\u0000${at.col}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ file: at.file, line: at.line, col: at.col, message });
  }

  get size(): number {
    return this.items.length;
  }

  /** The manifest's own problems first, then each other file's; each file in line order. */
  sorted(primaryFile: string): ManifestProblem[] {
    return this.items
      .map((problem, index) => ({ problem, index }))
      .sort((a, b) => {
        const fa = a.problem.file;
        const fb = b.problem.file;
        if (fa !== fb) {
          if (fa === primaryFile) return -1;
          if (fb === primaryFile) return 1;
          return fa < fb ? -1 : 1;
        }
        return (
          a.problem.line - b.problem.line || a.problem.col - b.problem.col || a.index - b.index
        );
      })
      .map(({ problem }) => problem);
  }
}

/** A value as it appears inside a message: quoted, escaped, and cut short when long. */
export function quote(value: string, max = 80): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
