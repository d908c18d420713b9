/**
 * The prompts as they were at the base commit, so the PR comment can show what changed in a
 * prompt, not only that it changed. Best effort and cheap: one `git show` of the manifest (after
 * a one-commit fetch when a shallow checkout lacks the base), then a YAML parse. Only assets with
 * a literal id and prompt are read; `each:` rows would need the base's data files too, and simply
 * show the new prompt. Any failure means no diffs, never a failed run.
 */
import { parse } from "yaml";
import type { Plan } from "../plan/types.js";
import type { Git } from "../git/runner.js";

export async function basePrompts(
  git: Git,
  baseSha: string | undefined,
  manifest: string,
  plan: Plan,
): Promise<Map<string, string>> {
  const prompts = new Map<string, string>();
  const wanted = plan.entries.some((e) => e.changedFields?.includes("prompt"));
  if (!wanted || baseSha === undefined || !/^[0-9a-f]{40}$/.test(baseSha)) return prompts;
  try {
    await git(["cat-file", "-e", `${baseSha}^{commit}`]).catch(() =>
      git(["fetch", "--quiet", "--no-tags", "--depth=1", "origin", baseSha]),
    );
    const text = await git(["show", `${baseSha}:./${manifest}`]);
    const doc: unknown = parse(text, { maxAliasCount: 100 });
    const assets = (doc as { assets?: unknown } | null)?.assets;
    if (!Array.isArray(assets)) return prompts;
    for (const item of assets as unknown[]) {
      const { id, prompt } = (item ?? {}) as { id?: unknown; prompt?: unknown };
      if (typeof id === "string" && typeof prompt === "string" && !id.includes("{{")) {
        prompts.set(id, prompt);
      }
    }
  } catch {
    prompts.clear();
  }
  return prompts;
}
