import type * as z from "zod";
import { quote, type ProblemList } from "./problems.js";
import { ASSET_KEYS, DEFAULTS_KEYS, MANIFEST_KEYS, PRICE_KEYS } from "./schema.js";
import { didYouMean } from "./suggest.js";
import type { ValuePath, YamlPositions } from "./yaml-source.js";

/**
 * Turns zod issues into `FILE:LINE:COL: message` problems at the YAML node they are about: the key
 * for unknown or reserved keys, the value otherwise, the enclosing map for a missing key.
 */
export function reportIssues(
  issues: readonly z.core.$ZodIssue[],
  base: ValuePath,
  root: unknown,
  positions: YamlPositions,
  problems: ProblemList,
): void {
  for (const issue of issues) {
    let path: ValuePath = [...base, ...issue.path];
    if (issue.code === "invalid_union" && path.at(-1) === "variants") {
      // `none` or a list: a list is what was meant when a list was written, so its own problems
      // (an unknown format, a width of 0) are the ones worth saying.
      const asList = issue.errors.find((branch) =>
        branch.every((i) => i.path.length > 0 || i.code === "custom"),
      );
      if (Array.isArray(valueAt(root, path)) && asList !== undefined) {
        reportIssues(asList, path, root, positions, problems);
        continue;
      }
      problems.add(
        positions.value(path),
        `"variants" must be none or a list of { format, widths, quality }`,
      );
      continue;
    }
    if (issue.code === "invalid_union") {
      // z.json() reports at the top param; point at the value inside it that is not JSON.
      path = [...path, ...(nonJsonPath(valueAt(root, path)) ?? [])];
    }
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        const message = hint
          ? `unknown key ${quote(key)}${hint}`
          : `unknown key ${quote(key)}; expected one of: ${known.join(", ")}`;
        problems.add(positions.key([...path, key]), message);
      }
      continue;
    }
    if (issue.code === "custom" && issue.params?.["at"] === "key") {
      problems.add(positions.key(path), issue.message);
      continue;
    }
    const present = positions.has(path);
    problems.add(positions.value(path), messageFor(issue, path, present, valueAt(root, path)));
  }
}

function messageFor(
  issue: z.core.$ZodIssue,
  path: ValuePath,
  present: boolean,
  value: unknown,
): string {
  const name = fieldName(path);
  switch (issue.code) {
    case "invalid_type":
      if (!present) return `missing required key ${quote(String(path.at(-1)))}`;
      return `${name} must be ${expectedName(issue.expected)}, not ${describe(value)}`;
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      if (!present) return `missing required key ${quote(String(path.at(-1)))}`;
      if (allowed.length === 1) return `${name} must be ${allowed[0]}, not ${describe(value)}`;
      const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
      return `${name} must be one of ${allowed.join(", ")}, not ${describe(value)}${hint}`;
    }
    case "too_small":
      if (issue.origin === "string") return `${name} must not be empty`;
      return `${name} is too small: ${issue.message}`;
    case "invalid_union":
      return `${name} must be a string, a finite number, true, false, null, a list or a map, not ${describe(value)}`;
    default:
      return `${name}: ${issue.message}`;
  }
}

function knownKeys(path: ValuePath): string[] {
  if (path.length === 0) return MANIFEST_KEYS;
  if (path.length === 1 && path[0] === "defaults") return DEFAULTS_KEYS;
  if (path[0] === "pricing") return PRICE_KEYS;
  return ASSET_KEYS;
}

/** `"model"`, or for a list item `item 3 of "assets"`. */
function fieldName(path: ValuePath): string {
  const last = path.at(-1);
  if (last === undefined) return "the manifest";
  if (typeof last === "number") {
    const parent = path.at(-2);
    return parent === undefined ? `item ${last + 1}` : `item ${last + 1} of "${String(parent)}"`;
  }
  return `"${String(last)}"`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case "object":
    case "record":
      return "a map";
    case "array":
      return "a list";
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "number":
      return "a number";
    default:
      return expected;
  }
}

/** How a YAML value reads in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return `the string ${quote(value, 40)}`;
  if (typeof value === "number") {
    return Number.isFinite(value) ? `the number ${value}` : `${value} (not a finite number)`;
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a map";
}

function valueAt(root: unknown, path: ValuePath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The path to the first value inside `value` that JSON cannot carry, if there is one. */
function nonJsonPath(value: unknown, depth = 0): PropertyKey[] | undefined {
  if (depth > 100) return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = nonJsonPath(value[i], depth + 1);
      if (inner) return [i, ...inner];
    }
    return undefined;
  }
  if (typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const found = nonJsonPath(inner, depth + 1);
      if (found) return [key, ...found];
    }
    return undefined;
  }
  return [];
}
