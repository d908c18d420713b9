/**
 * Annotations: a problem shown at its line on the PR's Files tab. Manifest problems and failed
 * assets both land where the user would fix them: the asset's entry in the manifest, or for a
 * row of an `each:` file, that row's line in the data file.
 */
import { relative, resolve } from "node:path";
import type { Plan } from "../plan/types.js";
import type { RenderResult } from "../render/result.js";
import type { ActionHost } from "./host.js";

/** A file as annotations name it: relative to the repository checkout, forward slashes. */
export function annotationFile(workspace: string, file: string): string {
  return relative(workspace, resolve(file)).split("\\").join("/");
}

export function annotateFailedAssets(
  host: ActionHost,
  workspace: string,
  plan: Plan,
  result: RenderResult,
): void {
  const sources = new Map(plan.entries.map((e) => [e.id, e.asset?.source]));
  for (const asset of result.assets) {
    if (asset.status !== "failed") continue;
    const source = sources.get(asset.id);
    host.error(`asset "${asset.id}" failed to render: ${asset.error ?? "unknown error"}`, {
      title: "agentframer render",
      ...(source && {
        file: annotationFile(workspace, source.file),
        startLine: source.line,
        startColumn: source.col,
      }),
    });
  }
}
