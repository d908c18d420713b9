import type { Plan, PlanEntry } from "../plan/types.js";
import { needsRender } from "../plan/types.js";

/**
 * Which plan entries this run renders: `--only` narrows by id, `--shard I/N` by hash, `--force`
 * adds the unchanged ones. Pure, so the action's fork-PR path and `plan` can share it.
 */
export interface Selection {
  /** `--only` patterns that matched no asset id at all (in any shard). */
  unmatched: string[];
  /** Entries to produce bytes for (restore from the cache or render), in manifest order. */
  toRender: PlanEntry[];
  /** Unchanged entries inside the selection: nothing to do, no request. */
  unchanged: PlanEntry[];
  /** Entries left out by --only or --shard. Orphaned entries are in none of the lists. */
  excluded: PlanEntry[];
}

export interface SelectOptions {
  /** `--only` patterns, each a glob or several separated by commas; undefined selects all. */
  only: readonly string[] | undefined;
  shard: { index: number; total: number } | undefined;
  force: boolean;
}

export function selectEntries(plan: Plan, options: SelectOptions): Selection {
  const patterns = (options.only ?? []).flatMap(splitPatterns);
  const matchers = patterns.map(globMatcher);
  const used = new Set<number>();
  const matches = (id: string): boolean => {
    if (options.only === undefined) return true;
    let any = false;
    matchers.forEach((m, k) => {
      if (m(id)) {
        used.add(k);
        any = true;
      }
    });
    return any;
  };
  const selection: Selection = { unmatched: [], toRender: [], unchanged: [], excluded: [] };
  for (const entry of plan.entries) {
    if (entry.status === "orphaned") continue;
    const inShard =
      options.shard === undefined ||
      shardOf(entry.hash, options.shard.total) === options.shard.index;
    const selected = matches(entry.id);
    if (!inShard || !selected) selection.excluded.push(entry);
    else if (options.force || needsRender(entry)) selection.toRender.push(entry);
    else selection.unchanged.push(entry);
  }
  selection.unmatched = patterns.filter((_, k) => !used.has(k));
  return selection;
}

/**
 * The 1-based shard an asset hash falls in. By hash, not by position, so that adding an asset
 * moves no other asset to another shard (and matrix jobs keep their caches warm). The hash is
 * SHA-256 hex, uniformly spread, so its first 48 bits split evenly.
 */
export function shardOf(hash: string, total: number): number {
  const prefix = Number.parseInt(hash.slice(0, 12), 16);
  return (Number.isNaN(prefix) ? 0 : prefix % total) + 1;
}

/** `--shard I/N` → {index, total}, or a usage message. */
export function parseShard(text: string): { index: number; total: number } | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(total) || total < 1 || index < 1 || index > total) {
    return `--shard takes I/N with 1 ≤ I ≤ N (for example 2/4), not "${text}"`;
  }
  return { index, total };
}

/** One `--only` value may hold several patterns separated by commas. */
function splitPatterns(value: string): string[] {
  return value
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * `--only` patterns: `*` matches any run of characters, everything else literally; several
 * patterns may be given separated by commas. Anchored at both ends.
 */
export function globMatcher(pattern: string): (id: string) => boolean {
  const alternatives = splitPatterns(pattern).map(
    (p) => new RegExp(`^${p.split("*").map(escapeRegExp).join(".*")}$`, "s"),
  );
  return (id) => alternatives.some((re) => re.test(id));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
