/**
 * The comment's and the summary's first words about money, as a reviewer reads a cost: "**3 new
 * renders · 12 credits**". Unknown is said to be unknown, an estimate is marked as one. Model
 * names come from the manifest: escaped. What reuse saved follows it in the reviewer's words
 * (plain-words.ts: "· 2 reused from an earlier run: 8 credits not spent").
 */
import { creditsText } from "../plan/credits.js";
import type { CreditOutcome, RenderCounts } from "../render/result.js";
import { escapeInline } from "./markdown-escape.js";

export function costHeadline(credits: CreditOutcome, counts: RenderCounts): string {
  const n = counts.rendered;
  const renders = n === 0 ? "no new renders" : `${n} new render${n === 1 ? "" : "s"}`;
  let spent: string;
  let note = "";
  if (credits.spent === null) {
    spent = "credits unknown";
    const models = credits.unknownModels.slice(0, 5).map((m) => escapeInline(m, 80));
    if (models.length > 0) note = ` (no price for ${models.join(", ")})`;
  } else if (credits.spentIsEstimate) {
    spent = `~${creditsText(credits.spent)}`;
    note = " (estimated: the API did not report what every job cost)";
  } else {
    spent = creditsText(credits.spent);
  }
  return `**${capitalise(renders)} · ${spent}**${note}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
