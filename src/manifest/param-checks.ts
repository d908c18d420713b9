import { TYPE_NOUN } from "./asset-checks.js";
import type { ProblemList } from "./problems.js";
import { quote } from "./problems.js";
import { didYouMean } from "./suggest.js";
import type { AssetType, JsonValue } from "./types.js";
import type { ValuePath, YamlPositions } from "./yaml-source.js";

/**
 * The params the API knows, per type, checked before anything is submitted: a bad value would
 * otherwise fail at the API (after the run started), and a misspelt name would be sent as it is
 * and silently do nothing.
 */

interface ParamRule {
  /** A phrase completing "NAME takes ...". */
  takes: string;
  fits(value: JsonValue): boolean;
}

const MAX_SIDE = 4096;
const MAX_SECONDS = 60;

const wholeNumber =
  (min: number, max: number) =>
  (value: JsonValue): boolean =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

const SIDE: ParamRule = {
  takes: `a whole number of pixels from 1 to ${MAX_SIDE}`,
  fits: wholeNumber(1, MAX_SIDE),
};
const SEED: ParamRule = {
  // The upper bound (2^53 - 1) is JSON's exact-integer limit, not a figure worth reading.
  takes: "a whole number, 0 or more",
  fits: wholeNumber(0, Number.MAX_SAFE_INTEGER),
};
const DURATION: ParamRule = {
  takes: `a number of seconds above 0, at most ${MAX_SECONDS}`,
  fits: (value) => typeof value === "number" && value > 0 && value <= MAX_SECONDS,
};

export const KNOWN_PARAMS: Readonly<Record<AssetType, Readonly<Record<string, ParamRule>>>> = {
  image: { width: SIDE, height: SIDE, seed: SEED },
  video: { width: SIDE, height: SIDE, seed: SEED, duration: DURATION },
  audio: { seed: SEED, duration: DURATION },
};

const ALL_KNOWN: ReadonlySet<string> = new Set(
  Object.values(KNOWN_PARAMS).flatMap((known) => Object.keys(known)),
);

/**
 * Checks merged params for `type`: a known param with a value the API refuses is a problem, an
 * unknown one a warning (it is still sent). `sourceOf(key)` says where a key was written. A string
 * holding `{{column}}` is filled per row and not judged here.
 */
export function checkParams(
  params: Readonly<Record<string, JsonValue>>,
  type: AssetType,
  sourceOf: (key: string) => ValuePath,
  positions: YamlPositions,
  problems: ProblemList,
  warnings: ProblemList,
): boolean {
  const known = KNOWN_PARAMS[type];
  let ok = true;
  for (const [key, value] of Object.entries(params)) {
    const rule = Object.hasOwn(known, key) ? known[key] : undefined;
    if (rule === undefined) {
      // Defaults serve every type: width under defaults is not a mistake for an audio asset.
      const fromDefaults = sourceOf(key)[0] === "defaults";
      if (fromDefaults && ALL_KNOWN.has(key)) continue;
      // A default reaches assets of every type: one warning for its line, not one per type.
      const names = fromDefaults ? [...ALL_KNOWN] : Object.keys(known);
      const noun = fromDefaults ? "any type" : TYPE_NOUN[type];
      warnings.add(
        positions.key(sourceOf(key)),
        `param ${quote(key)} is not one the API knows for ${noun}${didYouMean(key, names)}; ` +
          `it is sent as it is. Known: ${names.join(", ")}`,
      );
      continue;
    }
    if (typeof value === "string" && value.includes("{{")) continue;
    if (rule.fits(value)) continue;
    problems.add(
      positions.value(sourceOf(key)),
      `param ${quote(key)} is ${JSON.stringify(value)}; ${key} takes ${rule.takes}`,
    );
    ok = false;
  }
  return ok;
}
