import type { ValuePath } from "./yaml-source.js";
/**
 * `{{column}}` templates: parsed once per field, then compiled into a function that fills one row
 * quickly (no regex or parsing per row).
 */

export interface Placeholder {
  /** The column name, trimmed: `{{ sku }}` names `sku`. */
  name: string;
  /** The placeholder as written, for locating it in the source. */
  raw: string;
}

export interface Template {
  source: string;
  /** Text around the placeholders; always one more than `placeholders`. */
  literals: string[];
  placeholders: Placeholder[];
  /** Offset of a `{{` that no `}}` closes, if any. */
  unclosedAt?: number;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function parseTemplate(source: string): Template {
  if (!source.includes("{{")) return { source, literals: [source], placeholders: [] };
  const literals: string[] = [];
  const placeholders: Placeholder[] = [];
  let last = 0;
  let unclosedAt: number | undefined;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const literal = source.slice(last, match.index);
    unclosedAt ??= openBraces(literal, last);
    literals.push(literal);
    placeholders.push({ name: (match[1] ?? "").trim(), raw: match[0] });
    last = match.index + match[0].length;
  }
  const tail = source.slice(last);
  unclosedAt ??= openBraces(tail, last);
  literals.push(tail);
  return unclosedAt === undefined
    ? { source, literals, placeholders }
    : { source, literals, placeholders, unclosedAt };
}

function openBraces(literal: string, offset: number): number | undefined {
  const at = literal.indexOf("{{");
  return at < 0 ? undefined : offset + at;
}

/** A row's values by column index; `undefined` for a field the row lacks (JSON rows only). */
export type Row = readonly (string | undefined)[];

export type Fill = (row: Row) => string;

/** Compiles a template against a table's columns; every placeholder must name one of them. */
export function compileTemplate(
  template: Template,
  columnIndex: ReadonlyMap<string, number>,
): Fill {
  const { literals, placeholders } = template;
  const indexes = placeholders.map((p) => {
    const index = columnIndex.get(p.name);
    if (index === undefined) throw new Error(`compileTemplate: unknown column ${p.name}`);
    return index;
  });
  const first = literals[0] ?? "";
  if (indexes.length === 0) return () => first;
  // One array per template, refilled for each row and joined: join writes one flat string,
  // where `+` builds a rope whose nodes outlive the row (the asset keeps the rope's head) and
  // is copied flat later anyway, when the value is hashed or used as a key.
  const parts: string[] = [first];
  for (let k = 0; k < indexes.length; k++) parts.push("", literals[k + 1] ?? "");
  return (row) => {
    for (let k = 0; k < indexes.length; k++) parts[2 * k + 1] = row[indexes[k] ?? 0] ?? "";
    return parts.join("");
  };
}

/** One templated field of a declared asset, where it was written. */
export interface Field {
  name: "id" | "prompt" | "output" | "params";
  template: Template;
  source: ValuePath;
}
