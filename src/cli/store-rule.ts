/**
 * How `render`, `pull` and `lock merge` choose their store (store-flags.ts applies it), worded
 * once for errors and once, wrapped, for `--help`. Its own module, so that a command's help loads
 * no store code.
 */
export const STORE_RULE =
  "--store SPEC, else $AGENTFRAMER_STORE, else git config agentframer.store, else origin's agentframer-store branch if it has one";

export const STORE_RULE_HELP = [
  "render, pull and lock merge choose the store one way, the first of: --store SPEC (none: off);",
  "$AGENTFRAMER_STORE; git config agentframer.store; origin's agentframer-store branch, if any.",
];
