import { dirname, join, relative, resolve, sep } from "node:path";
import { ManifestError } from "./errors.js";
import type * as z from "zod";
import { expandAssets, type Salvaged } from "./expand.js";
import type { OutputRef } from "./emit.js";
import { MANIFEST_MAX_BYTES } from "./limits.js";
import { displayPath, ProblemList, quote } from "./problems.js";
import { readTextFile } from "./read-text.js";
import { resolveWhere } from "./registry.js";
import { findRepoRoot, SymlinkGuard } from "./repo-fs.js";
import {
  assetSchema,
  defaultsSchema,
  manifestShellSchema,
  type RawAsset,
  type RawDefaults,
} from "./schema.js";
import type { Manifest } from "./types.js";
import { parseYaml, type YamlPositions } from "./yaml-source.js";
import { reportIssues } from "./zod-problems.js";

export interface LoadOptions {
  /**
   * Files in messages are shown relative to this folder, as a compiler shows them (default: the
   * process's working directory). The CLI passes its own `cwd`.
   */
  cwd?: string;
}

/**
 * Reads, validates and expands a manifest: assets in declaration order, `each:` rows in row
 * order. Throws ManifestError carrying every problem found, and never anything else.
 */
export async function loadManifest(
  manifestPath: string,
  options: LoadOptions = {},
): Promise<Manifest> {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, manifestPath);
  const file = displayPath(path, cwd);
  const problems = new ProblemList();
  let manifest: Manifest | undefined;
  try {
    manifest = await load(path, file, cwd, problems);
  } catch (error) {
    // Deep recursion in a parser or a failing disk must still be a manifest problem.
    const reason =
      error instanceof RangeError && /call stack/i.test(error.message)
        ? "the manifest is nested too deeply to read"
        : `cannot load the manifest: ${error instanceof Error ? error.message : String(error)}`;
    problems.add({ file, line: 1, col: 1 }, reason);
  }
  if (problems.size > 0 || !manifest) throw new ManifestError(problems.sorted(file));
  return manifest;
}

async function load(
  path: string,
  file: string,
  cwd: string,
  problems: ProblemList,
): Promise<Manifest | undefined> {
  const read = await readTextFile(path, MANIFEST_MAX_BYTES);
  if (!read.ok) {
    problems.add({ file, line: 1, col: 1 }, `cannot read the manifest: ${read.reason}`);
    return undefined;
  }
  const parsed = parseYaml(read.text, file, problems);
  if (!parsed) return undefined;
  const { value, positions } = parsed;
  if (value === null || value === undefined) {
    problems.add(
      { file, line: 1, col: 1 },
      'the manifest is empty; it needs "version: 1" and "assets"',
    );
    return undefined;
  }

  const shell = manifestShellSchema.safeParse(value, { reportInput: true });
  if (!shell.success) reportIssues(shell.error.issues, [], value, positions, problems);
  const top = (typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<
    string,
    unknown
  >;
  const defaults = checkDefaults(top, positions, problems);
  const declared = checkAssets(top, positions, problems);

  const dir = dirname(path);
  const root = await findRepoRoot(dir);
  const dirFromRoot = relative(root, dir)
    .split(sep)
    .filter((s) => s !== "");
  const guard = await SymlinkGuard.create(root);
  const ctx = { positions, problems, dir, dirFromRoot, cwd, guard };
  const expanded = await expandAssets(ctx, defaults, declared);
  await checkOutputLinks(expanded.outputs, root, guard, problems);
  return { path, dir, root, assets: expanded.assets };
}

function checkDefaults(
  top: Record<string, unknown>,
  positions: YamlPositions,
  problems: ProblemList,
): Salvaged<RawDefaults> {
  if (top["defaults"] === undefined) return { raw: {}, broken: new Set() };
  const result = defaultsSchema.safeParse(top["defaults"], { reportInput: true });
  if (result.success) return { raw: result.data, broken: new Set() };
  reportIssues(result.error.issues, ["defaults"], top, positions, problems);
  return salvage(defaultsSchema, top["defaults"]) as Salvaged<RawDefaults>;
}

/** Each asset is checked on its own, so one bad asset hides no problem in another. */
function checkAssets(
  top: Record<string, unknown>,
  positions: YamlPositions,
  problems: ProblemList,
): ({ index: number } & Salvaged<RawAsset>)[] {
  const assets = top["assets"];
  if (!Array.isArray(assets)) return [];
  const checked: ({ index: number } & Salvaged<RawAsset>)[] = [];
  assets.forEach((item: unknown, index) => {
    const result = assetSchema.safeParse(item, { reportInput: true });
    if (result.success) {
      checked.push({ index, raw: result.data, broken: new Set() });
      return;
    }
    reportIssues(result.error.issues, ["assets", index], top, positions, problems);
    const { raw, broken } = salvage(assetSchema, item);
    // Without an id and an output there is little left to check. An invalid prompt (reported)
    // gets a stand-in: it is only checked for size, and the asset is never added.
    if (typeof raw["id"] === "string" && typeof raw["output"] === "string") {
      raw["prompt"] ??= "-";
      checked.push({ index, raw: raw as RawAsset, broken });
    }
  });
  return checked;
}

/**
 * The fields of an invalid object that are valid on their own, so that the checks that follow
 * (paths, ids, columns) still run on them and report their problems in the same pass.
 */
function salvage(
  schema: z.ZodObject,
  value: unknown,
): { raw: Record<string, unknown>; broken: ReadonlySet<string> } {
  const raw: Record<string, unknown> = {};
  const broken = new Set<string>(["(object)"]);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { raw, broken };
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!Object.hasOwn(value, key)) continue;
    const result = (field as z.ZodType).safeParse((value as Record<string, unknown>)[key]);
    if (result.success) raw[key] = result.data;
    else broken.add(key);
  }
  return { raw, broken };
}

/**
 * Follows symbolic links for every output folder (once per folder) and every output that is
 * itself a link, so that a link cannot carry a write outside the repository.
 */
async function checkOutputLinks(
  outputs: readonly OutputRef[],
  root: string,
  guard: SymlinkGuard,
  problems: ProblemList,
): Promise<void> {
  const byFolder = new Map<string, OutputRef[]>();
  for (const ref of outputs) {
    const slash = ref.fromRoot.lastIndexOf("/");
    const folder = slash < 0 ? "" : ref.fromRoot.slice(0, slash);
    let list = byFolder.get(folder);
    if (!list) byFolder.set(folder, (list = []));
    list.push(ref);
  }
  await Promise.all(
    [...byFolder].map(async ([folder, refs]) => {
      const absolute = join(root, folder);
      const folderProblem = await guard.folderProblem(absolute);
      const first = refs[0];
      if (folderProblem && first) {
        problems.add(resolveWhere(first.where), `output ${quote(first.output)} ${folderProblem}`);
        return;
      }
      const links = await guard.symlinksIn(absolute);
      if (links.size === 0) return;
      for (const ref of refs) {
        const name = ref.fromRoot.slice(ref.fromRoot.lastIndexOf("/") + 1);
        if (!links.has(name)) continue;
        const linkProblem = await guard.linkProblem(join(root, ref.fromRoot));
        if (linkProblem)
          problems.add(resolveWhere(ref.where), `output ${quote(ref.output)} ${linkProblem}`);
      }
    }),
  );
}
