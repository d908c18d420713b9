/**
 * How a git remote says it refuses a push outright, as opposed to a race (the branch moved, two
 * pushes at once): pushing the same thing again cannot help, so callers stop at the first one and
 * say what to change. The patterns read git's and the server's words; they decide a branch of
 * code, never what is printed (the caller prints that text only after neutralising it).
 */

/**
 * A rule on the branch: GitHub says GH006 (protected branch) or GH013 (repository rules), git
 * reports a hook's refusal as `[remote rejected] (… hook declined)`. Not every
 * `[remote rejected]` is one: "cannot lock ref" is two pushes at once, a race.
 */
export const REFUSED_BY_RULE = /\bGH006\b|\bGH013\b|protected branch|hook declined/i;

/**
 * A credential that may read but not write: what GitHub answers a token without
 * `contents: write` ("Permission to OWNER/REPO.git denied to github-actions[bot]", "Write access
 * to repository not granted", then git's "The requested URL returned error: 403").
 */
export const REFUSED_FOR_PERMISSION =
  /returned error: 403\b|\bpermission to \S{1,200} denied\b|write access to repository not granted/i;

/** True when the remote refused the push for a rule or a permission (git's stdout and stderr). */
export function isRefusedPush(output: { stdout: string; stderr: string }): boolean {
  return [REFUSED_BY_RULE, REFUSED_FOR_PERMISSION].some(
    (pattern) => pattern.test(output.stdout) || pattern.test(output.stderr),
  );
}
