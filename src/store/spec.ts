/**
 * Which store a run uses, from the action's `store` input or the CLI's `--store`:
 * `git` (an orphan branch in `origin`, default `agentframer-store`), `git:BRANCH`,
 * `s3://BUCKET/PREFIX`, or `none`.
 */
export type StoreSpec =
  | { kind: "none" }
  | { kind: "git"; branch: string }
  | { kind: "s3"; bucket: string; prefix: string };

export const DEFAULT_STORE_BRANCH = "agentframer-store";

export class StoreSpecError extends Error {
  override readonly name = "StoreSpecError";
}

const BRANCH = /^(?!.*\.\.)(?!\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/-]{1,200}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseStoreSpec(text: string): StoreSpec {
  const value = text.trim();
  if (value === "" || value === "none") return { kind: "none" };
  if (value === "git") return { kind: "git", branch: DEFAULT_STORE_BRANCH };
  if (value.startsWith("git:")) {
    const branch = value.slice(4);
    if (!BRANCH.test(branch))
      throw new StoreSpecError(`store "${value}": "${branch}" is not a usable branch name`);
    return { kind: "git", branch };
  }
  if (value.startsWith("s3://")) {
    const rest = value.slice(5);
    const slash = rest.indexOf("/");
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const prefix = slash === -1 ? "" : rest.slice(slash + 1).replace(/\/+$/, "");
    if (!BUCKET.test(bucket))
      throw new StoreSpecError(`store "${value}": "${bucket}" is not an S3 bucket name`);
    if (prefix.split("/").some((part) => part === ".." || part === ".")) {
      throw new StoreSpecError(`store "${value}": the prefix may not hold "." or ".." segments`);
    }
    return { kind: "s3", bucket, prefix };
  }
  throw new StoreSpecError(
    `store "${value}" is not one of: git, git:BRANCH, s3://BUCKET/PREFIX, none`,
  );
}
