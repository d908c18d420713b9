import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  visit,
  type CST,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from "yaml";
import { MAX_ALIAS_COUNT, MAX_FLOW_NESTING } from "./limits.js";
import type { ProblemList } from "./problems.js";
import type { SourcePosition } from "./types.js";

export type ValuePath = readonly PropertyKey[];

/** Maps paths in the converted value back to where they were written, for messages. */
export class YamlPositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
    readonly file: string,
  ) {}

  /** Where the value at `path` starts, or the deepest existing parent when it is absent. */
  value(path: ValuePath): SourcePosition {
    return this.at(this.walk(path).node);
  }

  /** Where the key of the entry at `path` is written (for unknown or reserved keys). */
  key(path: ValuePath): SourcePosition {
    const found = this.walk(path);
    return this.at(found.complete && found.key ? found.key : found.node);
  }

  /** Whether `path` names something written in the document. */
  has(path: ValuePath): boolean {
    return this.walk(path).complete;
  }

  /**
   * Where the `occurrence`-th copy of `raw` (a `{{placeholder}}`) sits in the scalar at `path`.
   * The source is searched rather than computed, so quoting and folding need no special cases;
   * if escapes hide it, the scalar's start is close enough.
   */
  placeholder(path: ValuePath, raw: string, occurrence: number): SourcePosition {
    const { node } = this.walk(path);
    const range = node?.range;
    if (!isScalar(node) || !range) return this.at(node);
    let offset = range[0] - 1;
    for (let k = 0; k <= occurrence; k++) {
      offset = this.text.indexOf(raw, offset + 1);
      if (offset < 0 || offset >= range[1]) return this.at(node);
    }
    return this.offset(offset);
  }

  /**
   * When the value at `path` is a plain scalar followed on its line by a comment: where the
   * comment's "#" is and its text. A plain scalar ends at " #", which may not be what was meant.
   */
  commentAfterPlain(path: ValuePath): { at: SourcePosition; text: string } | undefined {
    const { node, complete } = this.walk(path);
    if (!complete || !isScalar(node) || node.type !== "PLAIN" || !node.range) return undefined;
    const end = node.range[1];
    const lineEnd = this.text.indexOf("\n", end);
    const rest = this.text.slice(end, lineEnd < 0 ? undefined : lineEnd);
    const match = /^[ \t]+#/.exec(rest);
    if (!match) return undefined;
    const hash = end + match[0].length - 1;
    return { at: this.offset(hash), text: rest.slice(match[0].length - 1).trimEnd() };
  }

  offset(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  private at(node: YamlNode | null | undefined): SourcePosition {
    return this.offset(node?.range?.[0] ?? 0);
  }

  private walk(path: ValuePath): {
    node: YamlNode | null | undefined;
    key: YamlNode | undefined;
    complete: boolean;
  } {
    let node = this.resolve(this.doc.contents);
    let key: YamlNode | undefined;
    for (const segment of path) {
      let next: YamlNode | null | undefined;
      key = undefined;
      if (isMap(node)) {
        const wanted = String(segment);
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === wanted);
        if (pair) {
          key = pair.key as YamlNode;
          next = pair.value as YamlNode | null;
          // `key:` with no value still has a place: the key.
          if (next === null) return { node: key, key, complete: true };
        }
      } else if (isSeq(node) && typeof segment === "number") {
        next = node.items[segment] as YamlNode | undefined;
      }
      if (next === undefined) return { node, key: undefined, complete: false };
      node = this.resolve(next);
    }
    return { node, key, complete: true };
  }

  private resolve(node: unknown): YamlNode | null | undefined {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < MAX_ALIAS_COUNT; hops++) {
      current = current.resolve(this.doc);
    }
    return current as YamlNode | null | undefined;
  }
}

export interface ParsedYaml {
  value: unknown;
  positions: YamlPositions;
}

/**
 * Parses one YAML document with source positions. Syntax errors, alias bombs and runaway nesting
 * become problems; `undefined` is returned when the value cannot be trusted.
 */
export function parseYaml(
  text: string,
  file: string,
  problems: ProblemList,
): ParsedYaml | undefined {
  const lines = new LineCounter();
  const composed = compose(text, lines);
  if (composed.kind === "too-deep") {
    const { line, col } = lines.linePos(composed.offset);
    problems.add(
      { file, line, col },
      `YAML collections nested more than ${MAX_FLOW_NESTING} levels deep`,
    );
    return undefined;
  }
  const { doc, extraDocumentAt } = composed;
  const positions = new YamlPositions(doc, lines, text, file);
  for (const { at, message } of explainSyntaxErrors(doc.errors, text)) {
    problems.add(positions.offset(at), message);
  }
  if (extraDocumentAt !== undefined) {
    problems.add(
      positions.offset(extraDocumentAt),
      "a manifest is one YAML document; remove this second one",
    );
  }
  if (doc.errors.length > 0 || extraDocumentAt !== undefined) return undefined;
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), positions };
  } catch (error) {
    const at = firstAlias(doc, positions) ?? positions.offset(0);
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason)
      ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses); this looks like an alias bomb`
      : `cannot read the YAML: ${yamlMessage(reason)}`;
    problems.add(at, message);
    return undefined;
  }
}

type Composed =
  { kind: "doc"; doc: Document; extraDocumentAt?: number } | { kind: "too-deep"; offset: number };

/**
 * yaml's parseDocument, with a guard: the lexer's flow brackets are counted as they stream by,
 * and a document nested too deeply is refused before yaml builds (and recurses through) it —
 * a megabyte of "[" otherwise costs seconds and a gigabyte.
 */
function compose(text: string, lines: LineCounter): Composed {
  const lexer = new Lexer();
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const composer = new Composer({
    prettyErrors: false,
    uniqueKeys: true,
    stringKeys: true,
    // YAML 1.1 tags (!!binary, !!timestamp, !!set) would make values JSON cannot carry.
    resolveKnownTags: false,
    // Warnings would go to process warnings (stderr); errors are still collected.
    logLevel: "error",
  });
  let offset = 0;
  let depth = 0;
  let tooDeepAt: number | undefined;
  function* tokens(): Generator<CST.Token> {
    for (const lexeme of lexer.lex(text, false)) {
      if (lexeme === "[" || lexeme === "{") {
        if (++depth > MAX_FLOW_NESTING) {
          tooDeepAt = offset;
          return;
        }
      } else if (lexeme === "]" || lexeme === "}") depth--;
      yield* parser.next(lexeme);
      offset += lexeme.length;
    }
    yield* parser.end();
  }
  let doc: Document | undefined;
  let extraDocumentAt: number | undefined;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (!doc) doc = next;
    else {
      extraDocumentAt = next.range[0];
      break;
    }
  }
  if (tooDeepAt !== undefined) return { kind: "too-deep", offset: tooDeepAt };
  if (!doc) return { kind: "too-deep", offset: 0 };
  return extraDocumentAt === undefined
    ? { kind: "doc", doc }
    : { kind: "doc", doc, extraDocumentAt };
}

/**
 * yaml's syntax errors, with a hint in plain words for the mistakes people make in manifests, at
 * the place they made them: a ": " inside an unquoted value, a quote never closed (yaml notices
 * only at the end of the file), a tab used to indent (yaml then reports a cascade of errors on
 * the lines after it, which are dropped).
 */
function explainSyntaxErrors(
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
function yamlMessage(message: string): string {
  if (/call stack/i.test(message)) return "the YAML is nested too deeply";
  const firstLine = message.split("\n", 1)[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, "").trim();
}

function firstAlias(doc: Document, positions: YamlPositions): SourcePosition | undefined {
  let at: SourcePosition | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = positions.offset(node.range?.[0] ?? 0);
      return visit.BREAK;
    },
  });
  return at;
}
