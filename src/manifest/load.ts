import { dirname, relative, resolve, sep } from "node:path";
import { ManifestError } from "./errors.js";
import type * as z from "zod";
import { expandAssets, type Salvaged } from "./expand.js";
import { MANIFEST_MAX_BYTES } from "./limits.js";
import { checkOutputLinks } from "./output-links.js";
import { manifestFolder } from "./path-rules.js";
import { displayPath, ProblemList, quote } from "./problems.js";
import { readTextFile } from "./read-text.js";
import { findRepoRoot, SymlinkGuard } from "./repo-fs.js";
import {
  assetSchema,
  defaultsSchema,
  manifestSchema,
  manifestShellSchema,
  pricingSchema,
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
  const warnings = new ProblemList();
  let manifest: Manifest | undefined;
  try {
    manifest = await load(path, file, cwd, problems, warnings);
  } catch (error) {
    // Deep recursion in a parser or a failing disk must still be a manifest problem.
    const reason =
      error instanceof RangeError && /call stack/i.test(error.message)
        ? "the manifest is nested too deeply to read"
        : `cannot load the manifest: ${error instanceof Error ? error.message : String(error)}`;
    problems.add({ file, line: 1, col: 1 }, reason);
  }
  if (problems.size > 0 || !manifest) {
    throw new ManifestError(problems.sorted(file), warnings.sorted(file));
  }
  return warnings.size > 0 ? { ...manifest, warnings: warnings.sorted(file) } : manifest;
}

async function load(
  path: string,
  file: string,
  cwd: string,
  problems: ProblemList,
  warnings: ProblemList,
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

  const { defaults, declared } = validate(value, positions, problems);
  warnCutPrompts(declared, positions, warnings);

  const dir = dirname(path);
  const root = await findRepoRoot(dir);
  const dirFromRoot = manifestFolder(
    relative(root, dir)
      .split(sep)
      .filter((s) => s !== ""),
  );
  const guard = await SymlinkGuard.create(root);
  const ctx = { positions, problems, warnings, dir, dirFromRoot, cwd, guard };
  const expanded = await expandAssets(ctx, defaults, declared);
  await checkOutputLinks(expanded, root, dirFromRoot, guard, problems);
  const manifest: Manifest = { path, dir, root, assets: expanded.assets };
  // An invalid value is already a problem above; only a valid "store" changes anything.
  if ((value as { outputs?: unknown }).outputs === "store") manifest.outputs = "store";
  // Problems in it are reported above, at their lines; only a valid table is used.
  const pricing = pricingSchema.safeParse((value as { pricing?: unknown }).pricing);
  if (pricing.success && pricing.data !== undefined) {
    manifest.pricing = new Map(Object.entries(pricing.data));
  }
  return manifest;
}

/**
 * YAML ends a plain (unquoted) value at " #": `prompt: A nook #2 with books` asks for "A nook".
 * Legal, and never what was meant in a prompt.
 */
function warnCutPrompts(
  declared: readonly { index: number }[],
  positions: YamlPositions,
  warnings: ProblemList,
): void {
  for (const { index } of declared) {
    const comment = positions.commentAfterPlain(["assets", index, "prompt"]);
    if (comment === undefined) continue;
    warnings.add(
      comment.at,
      `the prompt ends before ${quote(comment.text, 40)}: YAML reads an unquoted " #" as the start of a comment; put the whole prompt in quotes to keep it`,
    );
  }
}

const NOTHING_BROKEN: ReadonlySet<string> = new Set();

/**
 * Validates with zod: the whole manifest in one pass when it is valid (the common case), else
 * part by part, so that every problem is found and the valid parts are still checked further.
 */
function validate(
  value: unknown,
  positions: YamlPositions,
  problems: ProblemList,
): { defaults: Salvaged<RawDefaults>; declared: ({ index: number } & Salvaged<RawAsset>)[] } {
  const whole = manifestSchema.safeParse(value);
  if (whole.success) {
    return {
      defaults: { raw: whole.data.defaults ?? {}, broken: NOTHING_BROKEN },
      declared: whole.data.assets.map((raw, index) => ({ index, raw, broken: NOTHING_BROKEN })),
    };
  }
  const shell = manifestShellSchema.safeParse(value, { reportInput: true });
  if (!shell.success) reportIssues(shell.error.issues, [], value, positions, problems);
  const top = (
    typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}
  ) as Record<string, unknown>;
  return {
    defaults: checkDefaults(top, positions, problems),
    declared: checkAssets(top, positions, problems),
  };
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
