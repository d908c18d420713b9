/**
 * Refs are read by their full, exact name. git's own matching accepts more than one spelling of
 * a name (`refs/heads/main` also matches `refs/heads/refs/heads/main`, and `ls-remote` lists
 * `refs/heads/a/refs/heads/main` as a match of it, often first), so anyone who can push any
 * branch could otherwise choose what the tool reads. A tip is read from `ls-remote` by exact
 * name, then fetched by its id.
 */
import { randomUUID } from "node:crypto";

/** The commit the full ref `ref` names in `ls-remote` output, matched exactly; undefined if absent. */
export function exactRef(lsRemote: string, ref: string): string | undefined {
  for (const line of lsRemote.split("\n")) {
    const [oid, name] = line.split("\t");
    if (name === ref && oid && /^[0-9a-f]{40,64}$/.test(oid)) return oid;
  }
  return undefined;
}

/** The full ref of a branch: what every ref the tool reads or writes is named by. */
export function branchRef(branch: string): string {
  return `refs/heads/${branch}`;
}

/**
 * Push `commit` to exactly `refs/heads/<branch>` on `remote`. A plain `commit:refs/heads/<branch>`
 * is matched against the remote's refs by git's rules, so a branch named `refs/heads/<branch>`
 * (or a tag of that name) makes it "match more than one" and fail, every time: anyone who can
 * push a branch could stop every commit and store write. A pattern refspec is not matched that
 * way (its destination is found by exact name), so the commit is pushed from a ref of its own,
 * in a namespace used once and removed after.
 */
export async function pushToBranch(
  run: (args: readonly string[]) => Promise<string>,
  push: { remote: string; commit: string; branch: string; options: readonly string[] },
): Promise<string> {
  const space = `refs/agentframer/push/${randomUUID()}`;
  const local = `${space}/${push.branch}`;
  await run(["update-ref", local, push.commit]);
  try {
    return await run(["push", ...push.options, push.remote, `${space}/*:refs/heads/*`]);
  } finally {
    await run(["update-ref", "-d", local]).catch(() => {});
  }
}
