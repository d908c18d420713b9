/**
 * Annotations: a problem shown at its line on the PR's Files tab. Manifest problems, failed
 * assets and variants not made all land where the user would fix them: the asset's entry in the
 * manifest, or for a row of an `each:` file, that row's line in the data file.
 */
import { relative, resolve } from "node:path";
import type { Plan } from "../plan/types.js";
import type { RenderResult } from "../render/result.js";
import type { ActionHost, AnnotationAt } from "./host.js";

/** A file as annotations name it: relative to the repository checkout, forward slashes. */
export function annotationFile(workspace: string, file: string): string {
  return relative(workspace, resolve(file)).split("\\").join("/");
}

/** Where an asset is declared, as an annotation names it; nothing for an asset not in the plan. */
function assetAt(workspace: string, plan: Plan): (id: string) => AnnotationAt {
  const sources = new Map(plan.entries.map((e) => [e.id, e.asset?.source]));
  return (id) => {
    const source = sources.get(id);
    return source
      ? {
          file: annotationFile(workspace, source.file),
          startLine: source.line,
          startColumn: source.col,
        }
      : {};
  };
}

export function annotateFailedAssets(
  host: ActionHost,
  workspace: string,
  plan: Plan,
  result: RenderResult,
): void {
  const at = assetAt(workspace, plan);
  for (const asset of result.assets) {
    if (asset.status !== "failed") continue;
    host.error(`asset "${asset.id}" failed to render: ${asset.error ?? "unknown error"}`, {
      title: "agentframer render",
      ...at(asset.id),
    });
  }
}

/**
 * Web variants not made (a video's without ffmpeg, or a failure to derive) are a warning, never a
 * failed run: the log says so inside the render group, and this puts it where a reviewer looks,
 * at the asset's line. The reason can quote a library or a file name: the host neutralises it.
 */
export function annotateVariantsNotMade(
  host: ActionHost,
  workspace: string,
  plan: Plan,
  result: RenderResult,
): void {
  const at = assetAt(workspace, plan);
  for (const asset of result.assets) {
    const why = asset.variants?.error;
    if (why === undefined) continue;
    host.warning(`variants of "${asset.id}" not made: ${why}`, {
      title: "agentframer variants",
      ...at(asset.id),
    });
  }
}
