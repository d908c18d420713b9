/**
 * How `render`, `pull` and `lock merge` choose their store, in one line for `--help` and errors
 * (store-flags.ts applies it). Its own module, so that a command's help loads no store code.
 */
export const STORE_RULE =
  "--store SPEC, else $AGENTFRAMER_STORE, else git config agentframer.store, else origin's agentframer-store branch if it has one";
