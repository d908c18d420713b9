import { ID_RULE, outputExtensionProblem } from "./asset-checks.js";
import type { DataTable } from "./data-file.js";
import type { ExpandState } from "./emit.js";
import type { Field } from "./template.js";
import { characterProblem } from "./path-rules.js";
import { quote } from "./problems.js";
import { didYouMean } from "./suggest.js";
import type { Template } from "./template.js";
import type { AssetType, SourcePosition } from "./types.js";
import type { ValuePath } from "./yaml-source.js";

/**
 * Checks on an asset's templates, made once per declared asset rather than once per row: syntax,
 * the fixed parts of ids and outputs, and that every placeholder names a column.
 */

/** Where the k-th placeholder of `template` is written: the n-th copy of its text in the scalar. */
export function placeholderAt(
  state: ExpandState,
  source: ValuePath,
  template: Template,
  k: number,
): SourcePosition {
  const raw = template.placeholders[k]?.raw ?? "{{";
  const occurrence = template.placeholders.slice(0, k).filter((p) => p.raw === raw).length;
  return state.ctx.positions.placeholder(source, raw, occurrence);
}

export function checkTemplateSyntax(state: ExpandState, field: Field): boolean {
  const { positions, problems } = state.ctx;
  const { template, source } = field;
  let ok = true;
  if (template.unclosedAt !== undefined) {
    const before = template.source.slice(0, template.unclosedAt).split("{{").length - 1;
    problems.add(positions.placeholder(source, "{{", before), `"{{" is never closed with "}}"`);
    ok = false;
  }
  template.placeholders.forEach((p, k) => {
    if (p.name !== "") return;
    problems.add(
      placeholderAt(state, source, template, k),
      `empty placeholder ${p.raw}; write {{column}}`,
    );
    ok = false;
  });
  return ok;
}

/**
 * Checks the fixed text of id and output templates once, so that a mistake there is one problem
 * at the template rather than one per row.
 */
export function checkTemplateParts(
  state: ExpandState,
  fields: readonly Field[],
  type: AssetType,
): { ok: boolean; extensionChecked: boolean } {
  const { positions, problems } = state.ctx;
  let ok = true;
  let extensionChecked = false;
  for (const { name, template, source } of fields) {
    if (template.placeholders.length === 0 || (name !== "id" && name !== "output")) continue;
    const report = (problem: string): void => {
      problems.add(positions.value(source), `${name} ${quote(template.source)} ${problem}`);
      ok = false;
    };
    if (name === "id") {
      const bad = template.literals.join("").match(/[^A-Za-z0-9._-]/)?.[0];
      if (bad !== undefined) report(`contains ${quote(bad)}; ${ID_RULE}`);
      else if (/^[._-]/.test(template.literals[0] ?? ""))
        report(`does not start with a letter or digit; ${ID_RULE}`);
      continue;
    }
    const first = template.literals[0] ?? "";
    const last = template.literals.at(-1) ?? "";
    // A "." after the last placeholder fixes the extension for every row.
    const extension = last.includes(".") ? outputExtensionProblem(`x${last}`, type) : undefined;
    extensionChecked = last.includes(".") && extension === undefined;
    const problem =
      (/^(?:[/\\]|[A-Za-z]:)/.test(first)
        ? "is absolute; write it relative to the manifest's folder"
        : undefined) ??
      template.literals.map(characterProblem).find((p) => p !== undefined) ??
      extension;
    if (problem) report(problem);
  }
  return { ok, extensionChecked };
}

export function checkColumns(
  state: ExpandState,
  fields: readonly Field[],
  table: DataTable,
): boolean {
  let ok = true;
  const known = table.columns.length > 0 ? table.columns.join(", ") : "(none)";
  for (const field of fields) {
    field.template.placeholders.forEach((p, k) => {
      if (p.name === "" || table.columnIndex.has(p.name)) return;
      state.ctx.problems.add(
        placeholderAt(state, field.source, field.template, k),
        `unknown column "${p.name}" in ${p.raw}${didYouMean(p.name, table.columns)}; ${table.file} has columns: ${known}`,
      );
      ok = false;
    });
  }
  return ok;
}
