import { parseTemplate, type Fill, type Row, type Template } from "./template.js";
import type { JsonValue } from "./types.js";
import type { ValuePath } from "./yaml-source.js";

/** A string somewhere inside params that holds `{{...}}`, and where it was written. */
export interface ParamTemplate {
  template: Template;
  /** Path of the string in the manifest document (under the asset's or defaults' params). */
  source: ValuePath;
  /** Path of the string inside the merged params. */
  inner: readonly (string | number)[];
}

/** Every templated string in `params`; `sourceOf(key)` says where a top-level key was written. */
export function findParamTemplates(
  params: Readonly<Record<string, JsonValue>>,
  sourceOf: (key: string) => ValuePath,
): ParamTemplate[] {
  const found: ParamTemplate[] = [];
  const walk = (value: JsonValue, inner: (string | number)[], source: ValuePath): void => {
    if (typeof value === "string") {
      if (value.includes("{{")) found.push({ template: parseTemplate(value), source, inner });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...inner, i], [...source, i]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value))
        walk(item, [...inner, key], [...source, key]);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(value, [key], sourceOf(key));
  return found;
}

export type BuildParams = (row: Row) => Record<string, JsonValue>;

/**
 * Compiles params into a per-row builder. Parts without placeholders are frozen and shared by
 * every row (50,000 copies of the same map would only feed the garbage collector); only the
 * containers on a path to a placeholder are built per row.
 */
export function compileParams(
  params: Readonly<Record<string, JsonValue>>,
  templates: readonly ParamTemplate[],
  compile: (template: Template) => Fill,
): BuildParams {
  deepFreeze(params);
  if (templates.length === 0) return () => params;
  const fills = new Map<string, Fill>();
  const templated = new Set<string>();
  for (const t of templates) {
    fills.set(key(t.inner), compile(t.template));
    for (let depth = 1; depth < t.inner.length; depth++)
      templated.add(key(t.inner.slice(0, depth)));
  }
  type Build = (row: Row) => JsonValue;
  const build = (value: JsonValue, inner: (string | number)[]): Build => {
    const here = key(inner);
    const fill = fills.get(here);
    if (fill) return fill;
    if (!templated.has(here) || value === null || typeof value !== "object") return () => value;
    if (Array.isArray(value)) {
      const items = value.map((item, i) => build(item, [...inner, i]));
      return (row) => items.map((b) => b(row));
    }
    const entries = Object.entries(value).map(
      ([k, item]) => [k, build(item, [...inner, k])] as const,
    );
    return (row) => {
      const out: Record<string, JsonValue> = {};
      for (const [k, b] of entries) setOwn(out, k, b(row));
      return out;
    };
  };
  const top = Object.entries(params).map(([k, value]) => [k, build(value, [k])] as const);
  return (row) => {
    const out: Record<string, JsonValue> = {};
    for (const [k, b] of top) setOwn(out, k, b(row));
    return out;
  };
}

function key(inner: readonly (string | number)[]): string {
  return JSON.stringify(inner);
}

/** Assignment that keeps a `__proto__` key a plain field instead of replacing the prototype. */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Assets' params are read, never written: frozen, so that sharing them between rows is safe. */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
