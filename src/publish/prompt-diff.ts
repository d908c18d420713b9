/**
 * A word-level diff of an old and a new prompt for the PR comment: unchanged words plain,
 * removed words in <del>, added words in <ins>, every word escaped like any other prompt text.
 * Prompts are short; a longer pair (or a diff too long to read in a table cell) gets no diff.
 */
import { escapeInline } from "./markdown-escape.js";

const MAX_WORDS = 150;
const MAX_RENDERED = 600;

type Op = { kind: "same" | "del" | "ins"; words: string[] };

/** The diff as inline HTML, or undefined when there is none worth showing. */
export function promptDiff(before: string, after: string): string | undefined {
  const a = words(before);
  const b = words(after);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS || a.join(" ") === b.join(" ")) return undefined;
  const rendered = diff(a, b)
    .map((op) => {
      const text = escapeInline(op.words.join(" "), MAX_RENDERED);
      return op.kind === "same" ? text : `<${op.kind}>${text}</${op.kind}>`;
    })
    .join(" ");
  return rendered.length <= MAX_RENDERED ? rendered : undefined;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Longest common subsequence over words, then runs of same / deleted / inserted words. */
function diff(a: string[], b: string[]): Op[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  const push = (kind: Op["kind"], word: string) => {
    const last = ops[ops.length - 1];
    if (last?.kind === kind) last.words.push(word);
    else ops.push({ kind, words: [word] });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push("same", a[i++] as string);
      j++;
    } else if (
      i < a.length &&
      (j === b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))
    ) {
      // Deletions first on a tie, so a replacement reads "<del>old</del> <ins>new</ins>".
      push("del", a[i++] as string);
    } else {
      push("ins", b[j++] as string);
    }
  }
  return ops;
}
