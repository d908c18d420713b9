import { join } from "node:path";
import type { Expanded } from "./emit.js";
import type { ManifestFolder } from "./path-rules.js";
import { quote, type ProblemList } from "./problems.js";
import type { SymlinkGuard } from "./repo-fs.js";

/**
 * Follows symbolic links for every output folder (once per folder) and every output that is
 * itself a link, so that a link cannot carry a write outside the repository.
 */
export async function checkOutputLinks(
  { assets, outputAt, climbing }: Expanded,
  root: string,
  manifestFolder: ManifestFolder,
  guard: SymlinkGuard,
  problems: ProblemList,
): Promise<void> {
  const { prefix } = manifestFolder;
  const output = (index: number): string => assets[index]?.output ?? "";
  const pathFromRoot =
    climbing.size === 0
      ? (index: number): string => prefix + output(index)
      : (index: number): string => climbing.get(index) ?? prefix + output(index);
  // Runs of consecutive assets by folder, as [start, end) pairs: outputs of one `each:` mostly
  // share a folder, so one run holds them all, and the previous folder is reused without
  // slicing a new string per asset.
  const byFolder = new Map<string, number[]>();
  let folder = "";
  let runs: number[] | undefined;
  for (let index = 0; index < assets.length; index++) {
    const path = pathFromRoot(index);
    const slash = path.lastIndexOf("/");
    if (!runs || slash !== folder.length || !path.startsWith(folder)) {
      folder = slash < 0 ? "" : path.slice(0, slash);
      runs = byFolder.get(folder);
      if (!runs) byFolder.set(folder, (runs = []));
    }
    if (runs[runs.length - 1] === index) runs[runs.length - 1] = index + 1;
    else runs.push(index, index + 1);
  }
  const report = (index: number, problem: string): void => {
    const asset = assets[index];
    if (!asset) return;
    problems.add(outputAt.get(index) ?? asset.source, `output ${quote(asset.output)} ${problem}`);
  };
  await Promise.all(
    [...byFolder].map(async ([folder, runs]) => {
      const absolute = join(root, folder);
      const folderProblem = await guard.folderProblem(absolute);
      if (folderProblem) {
        report(runs[0] ?? 0, folderProblem);
        return;
      }
      const links = await guard.symlinksIn(absolute);
      if (links.size === 0) return;
      for (let run = 0; run < runs.length; run += 2) {
        for (let index = runs[run] ?? 0; index < (runs[run + 1] ?? 0); index++) {
          const path = pathFromRoot(index);
          if (!links.has(path.slice(path.lastIndexOf("/") + 1))) continue;
          const linkProblem = await guard.linkProblem(join(root, path));
          if (linkProblem) report(index, linkProblem);
        }
      }
    }),
  );
}
