import { idProblem, outputCheck, promptProblem } from "./asset-checks.js";
import type { DataFileResult, DataTable } from "./data-file.js";
import { ROW_PROBLEMS_MAX } from "./limits.js";
import { compileParams, deepFreeze, type ParamTemplate } from "./params-template.js";
import type { ManifestFolder } from "./path-rules.js";
import { quote, type ProblemList } from "./problems.js";
import type { AssetRegistry } from "./registry.js";
import type { SymlinkGuard } from "./repo-fs.js";
import { compileTemplate, type Row, type Template } from "./template.js";
import type { Asset, AssetType, JsonValue, SourcePosition } from "./types.js";
import type { VariantSpec } from "./variants.js";
import type { ValuePath, YamlPositions } from "./yaml-source.js";

/** What every expansion step needs; built once per load. */
export interface ExpandContext {
  positions: YamlPositions;
  problems: ProblemList;
  /** Things that work but are probably not what was meant. */
  warnings: ProblemList;
  /** The manifest's folder, absolute. */
  dir: string;
  /** The manifest's folder relative to the repository root. */
  dirFromRoot: ManifestFolder;
  cwd: string;
  guard: SymlinkGuard;
}

/**
 * The assets, and what the checks on disk that follow need beyond them: where a declared asset's
 * output is written (a row's is its source), and the few outputs that climb out of the manifest's
 * folder with "..", from the repository root. Kept by exception, because two entries for every
 * row of a 500,000-row file were megabytes kept only to report the rare link.
 */
export interface Expanded {
  assets: Asset[];
  /** By asset index: where its output is written, when that is not the asset's `source`. */
  outputAt: Map<number, SourcePosition>;
  /**
   * By asset index: its output from the repository root, when that is not the manifest's folder
   * followed by `output`.
   */
  climbing: Map<number, string>;
  registry: AssetRegistry;
}

export interface ExpandState {
  ctx: ExpandContext;
  /** `each:` files by absolute path, read once however many assets use them. */
  tables: Map<string, Promise<DataFileResult>>;
  out: Expanded;
  /**
   * Assets the manifest asks for so far: every declared one, and every row of each `each:`
   * expanded, whether or not it became an asset. Bounded by MAX_ASSETS, so that rows that fail
   * (repeated ids, say) cannot be expanded without end by naming one file many times.
   */
  asked: number;
}

function push(out: Expanded, asset: Asset, fromRoot: string, folder: ManifestFolder): void {
  const { prefix } = folder;
  const { output } = asset;
  const plain =
    fromRoot.length === prefix.length + output.length &&
    fromRoot.startsWith(prefix) &&
    fromRoot.endsWith(output);
  if (!plain) out.climbing.set(out.assets.length, fromRoot);
  out.assets.push(asset);
}

/** An asset declared without `each:`; type and model are absent when they were invalid. */
export type DeclaredAsset = Omit<Asset, "type" | "model"> & { type?: AssetType; model?: string };

/**
 * Checks an asset declared without `each:` (problems point at its fields in the manifest) and,
 * when it is whole and sound, adds it.
 */
export function emitDeclared(
  state: ExpandState,
  asset: DeclaredAsset,
  base: ValuePath,
  whole: boolean,
): void {
  const { positions, problems, dirFromRoot } = state.ctx;
  const idAt = positions.value([...base, "id"]);
  const outputAt = positions.value([...base, "output"]);
  let ok = true;
  const report = (at: SourcePosition, message: string | undefined): void => {
    if (message === undefined) return;
    problems.add(at, message);
    ok = false;
  };
  const id = idProblem(asset.id);
  report(idAt, id && `id ${quote(asset.id)} ${id}`);
  const prompt = promptProblem(asset.prompt);
  report(positions.value([...base, "prompt"]), prompt && `prompt ${prompt}`);
  const output = outputCheck(asset.output, asset.type, dirFromRoot);
  report(outputAt, output.ok ? undefined : `output ${quote(asset.output)} ${output.problem}`);
  const { registry } = state.out;
  if (!id) report(idAt, registry.claimId(asset.id, registry.origin(idAt)));
  if (!output.ok) return;
  const { fromManifest, fromRoot } = output.path;
  const origin = registry.origin(outputAt);
  report(outputAt, registry.claimOutput(fromRoot, fromManifest, asset.id, origin));
  const { type, model } = asset;
  if (!ok || !whole || type === undefined || model === undefined) return;
  deepFreeze(asset.params);
  state.out.outputAt.set(state.out.assets.length, outputAt);
  push(state.out, { ...asset, type, model, output: fromManifest }, fromRoot, dirFromRoot);
}

export interface RowSpec {
  type: AssetType;
  model: string;
  params: Record<string, JsonValue>;
  variants?: readonly VariantSpec[];
  paramTemplates: readonly ParamTemplate[];
  id: Template;
  prompt: Template;
  output: Template;
  table: DataTable;
  /** The output template's extension is fixed and was checked; rows need not check it again. */
  extensionChecked: boolean;
  /** Where its `each:` is written, for the count of problems not shown. */
  eachAt: SourcePosition;
  /** Where its `id:` is written: ids that repeat are one problem there, not one per row. */
  idAt: SourcePosition;
}

/**
 * Adds one asset per row. Problems point at the row in the data file; past ROW_PROBLEMS_MAX for
 * one file, the rest are only counted.
 */
export function emitRows(state: ExpandState, spec: RowSpec): void {
  const { problems, dirFromRoot } = state.ctx;
  const { table, type, model } = spec;
  const columns = table.columnIndex;
  const fillId = compileTemplate(spec.id, columns);
  const fillPrompt = compileTemplate(spec.prompt, columns);
  const fillOutput = compileTemplate(spec.output, columns);
  const buildParams = compileParams(spec.params, spec.paramTemplates, (t) =>
    compileTemplate(t, columns),
  );
  const used = usedColumns(
    [spec.id, spec.prompt, spec.output, ...spec.paramTemplates.map((p) => p.template)],
    columns,
  );
  const position = table.position;
  let shown = 0;
  let hidden = 0;
  let duplicates = 0;
  let firstDuplicate: { row: number; message: string } | undefined;

  const rowProblem = (row: number, message: string): void => {
    if (shown < ROW_PROBLEMS_MAX) {
      problems.add(position(row), message);
      shown++;
    } else hidden++;
  };

  const { registry } = state.out;
  const firstOrigin = registry.rowOrigins(table, table.rowCount);
  const outputType = spec.extensionChecked ? undefined : type;
  const { variants } = spec;
  rows: for (let r = 0; r < table.rowCount; r++) {
    const row: Row = table.row(r);
    if (table.cellProblem) {
      for (const column of used) {
        const problem = table.cellProblem(r, column);
        if (problem !== undefined) {
          rowProblem(r, problem);
          continue rows;
        }
      }
    }
    const id = fillId(row);
    const idIssue = idProblem(id);
    if (idIssue) rowProblem(r, `this row makes id ${quote(id)}, which ${idIssue}`);
    const prompt = fillPrompt(row);
    const promptIssue = promptProblem(prompt);
    if (promptIssue) rowProblem(r, `this row makes a prompt that ${promptIssue}`);
    const rawOutput = fillOutput(row);
    const output = outputCheck(rawOutput, outputType, dirFromRoot);
    if (!output.ok)
      rowProblem(r, `this row makes output ${quote(rawOutput)}, which ${output.problem}`);
    if (idIssue || promptIssue || !output.ok) continue;
    const origin = firstOrigin + r;
    const duplicate = registry.claimId(id, origin);
    if (duplicate) {
      duplicates += 1;
      firstDuplicate ??= { row: r, message: duplicate };
    }
    const { fromManifest, fromRoot } = output.path;
    const collision = registry.claimOutput(fromRoot, fromManifest, id, origin);
    if (collision) rowProblem(r, collision);
    if (duplicate || collision) continue;
    const params = buildParams(row);
    // The row is where its asset comes from: a failure (or a bad param) is reported there.
    const source = position(r);
    const asset: Asset = variants
      ? { id, type, model, prompt, params, output: fromManifest, source, variants }
      : { id, type, model, prompt, params, output: fromManifest, source };
    push(state.out, asset, fromRoot, dirFromRoot);
  }
  if (firstDuplicate !== undefined) {
    const at = position(firstDuplicate.row);
    problems.add(
      spec.idAt,
      `id ${quote(spec.id.source)} is not unique: ${duplicates} row${duplicates === 1 ? "" : "s"} of ${table.file} ` +
        `repeat an id (first at ${at.file}:${at.line}: ${firstDuplicate.message}); ${uniqueIdHint(spec.id, table)}`,
    );
  }
  if (hidden > 0) {
    problems.add(
      spec.eachAt,
      `${table.file} has ${hidden} more problems not shown (the first ${ROW_PROBLEMS_MAX} are)`,
    );
  }
}

/** How to make the id unique: a column whose values all differ, if the file has one. */
function uniqueIdHint(id: Template, table: DataTable): string {
  const used = new Set(id.placeholders.map((p) => p.name));
  const unique = table.columns.find((column, c) => {
    if (used.has(column)) return false;
    const values = new Set<string | undefined>();
    for (let r = 0; r < table.rowCount; r++) values.add(table.row(r)[c]);
    return values.size === table.rowCount;
  });
  return unique === undefined
    ? `add a column with a value unique to each row to ${table.file} and use it in the id`
    : `add a column that differs on every row, e.g. ${quote(`${id.source}-{{${unique}}}`)}`;
}

function usedColumns(
  templates: readonly Template[],
  columns: ReadonlyMap<string, number>,
): number[] {
  const used = new Set<number>();
  for (const t of templates) {
    for (const p of t.placeholders) {
      const index = columns.get(p.name);
      if (index !== undefined) used.add(index);
    }
  }
  return [...used];
}
