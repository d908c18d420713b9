/**
 * Annotations: a problem shown at its line on the PR's Files tab. Manifest problems, failed
 * assets and variants not made all land where the user would fix them: the asset's entry in the
 * manifest, or for a row of an `each:` file, that row's line in the data file.
 */
import { relative, resolve } from "node:path";
import type { Plan } from "../plan/types.js";
import type { RenderResult } from "../render/result.js";
import type { ActionHost } from "./host.js";

/** A file as annotations name it: relative to the repository checkout, forward slashes. */
export function annotationFile(workspace: string, file: string): string {
  return relative(workspace, resolve(file)).split("\\").join("/");
}

/**
 * Each failed asset is an error where it is declared. Web variants not made (a video's without
 * ffmpeg, or a failure to derive) are a warning there, never a failed run: the log says so inside
 * the render group, and this puts it where a reviewer looks. A reason can quote a server, a
 * library or a file name: the host neutralises every message.
 */
export function annotateAssets(
  host: ActionHost,
  workspace: string,
  plan: Plan,
  result: RenderResult,
): void {
  const sources = new Map(plan.entries.map((e) => [e.id, e.asset?.source]));
  for (const asset of result.assets) {
    const source = sources.get(asset.id);
    const at = source && {
      file: annotationFile(workspace, source.file),
      startLine: source.line,
      startColumn: source.col,
    };
    if (asset.status === "failed") {
      host.error(`asset "${asset.id}" failed to render: ${asset.error ?? "unknown error"}`, {
        title: "agentframer render",
        ...at,
      });
    }
    if (asset.variants?.error !== undefined) {
      host.warning(`variants of "${asset.id}" not made: ${asset.variants.error}`, {
        title: "agentframer variants",
        ...at,
      });
    }
  }
}
