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
} from "yaml";
import { MAX_ALIAS_COUNT, MAX_FLOW_NESTING } from "./limits.js";
import type { ProblemList } from "./problems.js";
import { explainSyntaxErrors, yamlMessage } from "./yaml-hints.js";
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
