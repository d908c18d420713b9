/**
 * The store's private bare repository is the tool's own: made by it under `.agentframer/`
 * (checked by state/state-dir.ts: no link on the way, nothing committed there), with a config
 * file the tool writes whole. Before each use that file must be exactly what the tool would
 * write now, with no `objects/info/alternates` (objects from elsewhere) and no `commondir`;
 * anything else — a file an earlier step or an older version changed, an `insteadOf` or a
 * `core.sshCommand` someone added — and the repository is made again. Its objects are only a
 * cache of `origin`'s store branch, so nothing is lost but a fetch.
 */
import { lstat, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreGit } from "./store-git.js";
import { StoreSpecError } from "./spec.js";

/** The whole config of the store repository for `originUrl`. */
export function storeRepoConfig(originUrl: string): string {
  // eslint-disable-next-line no-control-regex -- a line break would add a setting of its own
  if (/[\u0000-\u001f\u007f]/.test(originUrl)) {
    throw new StoreSpecError(
      `store git: origin's URL holds a control character; fix it (git remote set-url origin URL)`,
    );
  }
  const quoted = `"${originUrl.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return [
    "[core]",
    "\trepositoryformatversion = 0",
    "\tfilemode = true",
    "\tbare = true",
    "\tlogallrefupdates = false",
    // Renders are compressed already (PNG, MP4) or barely compress (WAV): the fastest zlib
    // level, and no delta search between pictures that share nothing.
    "\tcompression = 1",
    "[gc]",
    "\tauto = 0",
    "[pack]",
    "\twindow = 0",
    '[remote "origin"]',
    `\turl = ${quoted}`,
    "\tpromisor = true",
    "\tpartialclonefilter = blob:none",
    "",
  ].join("\n");
}

async function isToolsOwn(gitDir: string, config: string): Promise<boolean> {
  const facts = await lstat(gitDir).catch(() => undefined);
  if (!facts?.isDirectory()) return false;
  const file = await lstat(join(gitDir, "config")).catch(() => undefined);
  if (!file?.isFile()) return false;
  if ((await readFile(join(gitDir, "config"), "utf8")) !== config) return false;
  for (const stranger of ["objects/info/alternates", "commondir"]) {
    if (
      await lstat(join(gitDir, stranger)).then(
        () => true,
        () => false,
      )
    )
      return false;
  }
  return true;
}

/** Makes (or makes again) the store repository at `gitDir` unless it is the tool's own as is. */
export async function prepareStoreRepo(
  git: StoreGit,
  gitDir: string,
  originUrl: string,
): Promise<void> {
  const config = storeRepoConfig(originUrl);
  if (await isToolsOwn(gitDir, config)) return;
  // A link is removed, not followed; its parent was checked to be the tool's own.
  await rm(gitDir, { recursive: true, force: true });
  await mkdir(gitDir);
  // No template: no sample hooks, no info/exclude, nothing but what git needs.
  await git.run(["init", "--quiet", "--bare", "--template=", gitDir]);
  await writeFile(join(gitDir, "config"), config);
}
