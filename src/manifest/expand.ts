import { join } from "node:path";
import { readDataFile, type DataTable } from "./data-file.js";
import {
  emitDeclared,
  emitRows,
  type ExpandContext,
  type Expanded,
  type ExpandState,
} from "./emit.js";
import { MAX_ASSETS } from "./limits.js";
import { checkParams } from "./param-checks.js";
import { findParamTemplates } from "./params-template.js";
import {
  API_FORMATS,
  checkRepoPath,
  DATA_EXTENSIONS,
  extensionOf,
  extensionProblem,
  typeForExtension,
} from "./path-rules.js";
import { displayPath, quote } from "./problems.js";
import { AssetRegistry } from "./registry.js";
import type { RawAsset, RawDefaults } from "./schema.js";
import {
  checkColumns,
  checkTemplateParts,
  checkTemplateSyntax,
  placeholderAt,
} from "./template-checks.js";
import { parseTemplate, type Field, type Template } from "./template.js";
import type { AssetType, JsonValue, SourcePosition } from "./types.js";
import { expandVariants, type RawVariant, type VariantSpec } from "./variants.js";
import type { ValuePath } from "./yaml-source.js";

/**
 * Merges defaults into each asset, expands `each:` rows in order, and checks what depends on
 * more than one field. Templates are checked once here; rows only run compiled fills (emit.ts).
 */
/** A declared asset's valid fields, and the names of those that were invalid (already reported). */
export interface Salvaged<T> {
  raw: T;
  broken: ReadonlySet<string>;
}

export async function expandAssets(
  ctx: ExpandContext,
  defaults: Salvaged<RawDefaults>,
  declared: readonly ({ index: number } & Salvaged<RawAsset>)[],
): Promise<Expanded> {
  const state: ExpandState = {
    ctx,
    tables: new Map(),
    out: { assets: [], outputAt: new Map(), climbing: new Map(), registry: new AssetRegistry() },
    asked: declared.length,
  };
  // Each declared asset claims at most one id and output; an `each:` announces its rows itself.
  state.out.registry.expect(declared.length);
  for (const { index, raw, broken } of declared) {
    await expandOne(state, defaults, index, { raw, broken });
  }
  return state.out;
}

/**
 * Checks one declared asset and adds what it expands to. An asset with invalid fields (already
 * reported) is still checked as far as its valid fields allow, but adds nothing.
 */
async function expandOne(
  state: ExpandState,
  { raw: defaults, broken: brokenDefaults }: Salvaged<RawDefaults>,
  index: number,
  { raw, broken }: Salvaged<RawAsset>,
): Promise<void> {
  const { positions, problems } = state.ctx;
  const base: ValuePath = ["assets", index];
  const source = positions.value(base);
  const type = raw.type ?? defaults.type ?? typeFromOutput(raw.output);
  const model = raw.model ?? defaults.model;
  let ok = broken.size === 0;
  // An invalid value here or in defaults is reported already; "no type" would be noise.
  const reportable = (key: string): boolean => !broken.has(key) && !brokenDefaults.has(key);
  if (type === undefined) {
    if (reportable("type") && !broken.has("output")) {
      problems.add(
        positions.value([...base, "output"]),
        `asset ${quote(raw.id)} has no "type", and output ${quote(raw.output)} does not name one: ` +
          `version 1 of the API delivers ${API_FORMATS}; use one of those extensions or set type`,
      );
    }
    ok = false;
  }
  if (model === undefined) {
    if (reportable("model")) {
      problems.add(source, `asset ${quote(raw.id)} has no "model"; set it here or under defaults`);
    }
    ok = false;
  }

  const variants = assetVariants(raw.variants, defaults.variants, type);
  if (variants === "audio") {
    problems.add(
      positions.value([...base, "variants"]),
      `asset ${quote(raw.id)} is audio, which has no picture to derive variants from: ` +
        `variants are made from an image, or from a video's poster frame; remove "variants" here`,
    );
    ok = false;
  }
  const variantsField = Array.isArray(variants) ? { variants } : {};

  const params: Record<string, JsonValue> = { ...defaults.params, ...raw.params };
  const paramSource = (key: string): ValuePath =>
    raw.params && Object.hasOwn(raw.params, key)
      ? [...base, "params", key]
      : ["defaults", "params", key];
  const paramTemplates = findParamTemplates(params, paramSource);
  if (type !== undefined) {
    const { warnings } = state.ctx;
    ok = checkParams(params, type, paramSource, positions, problems, warnings) && ok;
  }
  const fields: Field[] = [
    { name: "id", template: parseTemplate(raw.id), source: [...base, "id"] },
    { name: "prompt", template: parseTemplate(raw.prompt), source: [...base, "prompt"] },
    { name: "output", template: parseTemplate(raw.output), source: [...base, "output"] },
    ...paramTemplates.map((p) => ({
      name: "params" as const,
      template: p.template,
      source: p.source,
    })),
  ];
  const untemplated: [string, string | undefined, ValuePath][] = [
    ["model", model, raw.model !== undefined ? [...base, "model"] : ["defaults", "model"]],
    ["each", raw.each, [...base, "each"]],
  ];
  for (const [name, text, at] of untemplated) {
    const template = parseTemplate(text ?? "");
    template.placeholders.forEach((p, k) => {
      problems.add(
        placeholderAt(state, at, template, k),
        `${p.raw} cannot be used in "${name}"; only id, prompt, output and params take {{column}}`,
      );
      ok = false;
    });
  }
  for (const field of fields) ok = checkTemplateSyntax(state, field) && ok;

  if (raw.each === undefined) {
    let placeholders = 0;
    for (const field of fields) {
      field.template.placeholders.forEach((p, k) => {
        placeholders++;
        if (p.name === "") return; // reported as an empty placeholder
        problems.add(
          placeholderAt(state, field.source, field.template, k),
          `${p.raw} needs an "each:" file on this asset to take "${p.name}" from`,
        );
      });
    }
    // An id or output with "{{" would only add a second, less helpful problem.
    if (placeholders > 0) return;
    const { id, prompt, output } = raw;
    emitDeclared(
      state,
      { id, type, model, prompt, params, output, source, ...variantsField },
      base,
      ok,
    );
    return;
  }

  const parts =
    type === undefined
      ? { ok: true, extensionChecked: false }
      : checkTemplateParts(state, fields, type);
  ok = parts.ok && ok;
  const eachAt = positions.value([...base, "each"]);
  const table = await loadTable(state, raw.each, eachAt);
  if (!table) return;
  ok = checkColumns(state, fields, table) && ok;
  for (const field of fields) {
    const perRow = field.name === "id" || field.name === "output";
    if (perRow && table.rowCount > 1 && field.template.placeholders.length === 0) {
      problems.add(
        positions.value(field.source),
        `${field.name} ${quote(field.template.source)} is the same for every row of ${table.file}; add a {{column}} to it`,
      );
      ok = false;
    }
  }
  if (state.asked + table.rowCount > MAX_ASSETS) {
    problems.add(
      eachAt,
      `${table.file} has ${table.rowCount} rows, which would make more than ${MAX_ASSETS} assets in all`,
    );
    ok = false;
  }
  if (!ok || type === undefined || model === undefined) return;
  state.asked += table.rowCount;
  const [id, prompt, output] = fields.map((f) => f.template) as [Template, Template, Template];
  emitRows(state, {
    type,
    model,
    params,
    ...variantsField,
    paramTemplates,
    id,
    prompt,
    output,
    table,
    extensionChecked: parts.extensionChecked,
    eachAt,
    idAt: positions.value([...base, "id"]),
  });
}

/** Defaults' lists, expanded once and shared (frozen) by every asset that takes them. */
const expandedDefaults = new WeakMap<readonly RawVariant[], readonly VariantSpec[]>();

/**
 * The asset's variants: its own list (or `none`) replaces the defaults'. Images and videos (from
 * their poster frame) take them; audio has no picture, so the defaults pass it by and a list of
 * its own is a problem.
 */
function assetVariants(
  own: RawAsset["variants"],
  defaults: RawDefaults["variants"],
  type: AssetType | undefined,
): readonly VariantSpec[] | "audio" | undefined {
  if (own !== undefined) {
    if (own === "none") return undefined;
    if (type === "audio") return "audio";
    return Object.freeze(expandVariants(own));
  }
  // Defaults apply to what has a picture: an image, and a video through its poster frame.
  if (defaults === undefined || defaults === "none" || type === "audio" || type === undefined) {
    return undefined;
  }
  let shared = expandedDefaults.get(defaults);
  if (shared === undefined) {
    shared = Object.freeze(expandVariants(defaults));
    expandedDefaults.set(defaults, shared);
  }
  return shared;
}

/**
 * The type an output's extension names (`.png` image, `.mp4` video, `.wav` audio), so that `type`
 * may be left out. For a `{{column}}` output, from the text after its last placeholder.
 */
function typeFromOutput(output: string): AssetType | undefined {
  const tail = parseTemplate(output).literals.at(-1) ?? "";
  const extension = extensionOf(`x${tail}`);
  return extension === undefined ? undefined : typeForExtension(extension);
}

async function loadTable(
  state: ExpandState,
  each: string,
  eachAt: SourcePosition,
): Promise<DataTable | undefined> {
  const { problems, dirFromRoot, dir, cwd, guard } = state.ctx;
  const checked = checkRepoPath(each, dirFromRoot);
  const problem = checked.ok
    ? extensionProblem(checked.path.fromManifest, DATA_EXTENSIONS, "an each: file")
    : checked.problem;
  if (problem || !checked.ok) {
    problems.add(eachAt, `each file ${quote(each)} ${problem ?? ""}`);
    return undefined;
  }
  const absolute = join(dir, checked.path.fromManifest);
  let pending = state.tables.get(absolute);
  if (!pending) {
    pending = (async () => {
      const linkProblem = await guard.existingFileProblem(absolute);
      if (linkProblem) return { kind: "unreadable" as const, reason: linkProblem, link: true };
      return readDataFile(absolute, displayPath(absolute, cwd), problems);
    })();
    state.tables.set(absolute, pending);
  }
  const result = await pending;
  if (result.kind === "table") return result.table;
  if (result.kind === "unreadable") {
    problems.add(eachAt, `cannot read each file ${quote(each)}: ${result.reason}`);
  }
  return undefined;
}
