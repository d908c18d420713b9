/**
 * yaml's syntax errors as a person should read them: its message without the position it
 * appends (ours is printed in front), and a hint for the mistakes people make in manifests.
 */
import type { YAMLError } from "yaml";

/**
 * yaml's syntax errors, with a hint in plain words for the mistakes people make in manifests, at
 * the place they made them: a ": " inside an unquoted value, a quote never closed (yaml notices
 * only at the end of the file), a tab used to indent (yaml then reports a cascade of errors on
 * the lines after it, which are dropped).
 */
export function explainSyntaxErrors(
  errors: readonly YAMLError[],
  text: string,
): { at: number; message: string }[] {
  const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT");
  const shown = tabs.length > 0 ? tabs : errors;
  return shown.map((error) => {
    const at = error.pos[0];
    const message = yamlMessage(error.message);
    switch (error.code) {
      case "TAB_AS_INDENT":
        return {
          at,
          message: `${message}: YAML indents with spaces only; replace the tab with spaces`,
        };
      case "BLOCK_AS_IMPLICIT_KEY": {
        const line = lineAt(text, at);
        const pair = /^(\s*(?:- )?)([\w-]+):\s+(.*\S)\s*$/.exec(line.text);
        if (pair === null) return { at, message };
        const quoted = `${pair[2]}: ${JSON.stringify(pair[3])}`;
        return {
          at: line.start + (pair[1]?.length ?? 0),
          message: `${message}: the ": " inside this value starts another key; put the value in quotes: ${quoted}`,
        };
      }
      case "MISSING_CHAR": {
        const opened = /quote/.test(error.message) ? unclosedQuote(text, at) : undefined;
        if (opened === undefined) return { at, message };
        return {
          at: opened,
          message: `this quote is never closed (YAML read on to the end of the file); close it on this line with ${text[opened]}`,
        };
      }
      default:
        return { at, message };
    }
  });
}

function lineAt(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return { start, text: text.slice(start, end < 0 ? undefined : end) };
}

/**
 * The first value that opens a quote and does not close it on its line (a multi-line quoted value
 * is legal, and rare in a manifest): where the quote opened, before `before`.
 */
function unclosedQuote(text: string, before: number): number | undefined {
  const value = /(?:^|:|-)[ \t]+(["'])/gm;
  for (let match = value.exec(text); match !== null; match = value.exec(text)) {
    const open = match.index + match[0].length - 1;
    if (open >= before) return undefined;
    const quote = match[1];
    const end = text.indexOf("\n", open);
    const rest = text.slice(open + 1, end < 0 ? undefined : end);
    const closed = quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(rest) : rest.includes("'");
    if (!closed) return open;
  }
  return undefined;
}

/** yaml's messages sometimes end in a position and an excerpt; the position is ours to print. */
export function yamlMessage(message: string): string {
  if (/call stack/i.test(message)) return "the YAML is nested too deeply";
  const firstLine = message.split("\n", 1)[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, "").trim();
}
