/**
 * What a command is, and the helpers every command shares: argument parsing with usage errors,
 * and the manifest path default.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { formatWarning } from "../manifest/errors.js";
import type { Manifest } from "../manifest/types.js";
import type { CliIo } from "./io.js";
import type { Style } from "./style.js";

export interface CommandContext {
  io: CliIo;
  /** Colours for text written to stdout / stderr (each off unless that stream is a terminal). */
  outStyle: Style;
  errStyle: Style;
}

export interface OptionHelp {
  /** As the user types it, e.g. "--concurrency N". */
  flag: string;
  description: string;
}

export interface Command {
  name: string;
  /** One line for `agentframer --help`. */
  summary: string;
  /** Usage after the program name, e.g. "plan [MANIFEST] [--json]". */
  usage: string;
  /** Paragraphs shown by `agentframer NAME --help`, between usage and options. */
  description: string;
  options: readonly OptionHelp[];
  /**
   * The command only reads and reports (validate): its refusals must not say "nothing was
   * written", which would suggest it ever writes.
   */
  readOnly?: boolean;
  /** `args` are the arguments after the command name; `--help` never reaches here. Returns the exit code. */
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** A mistake on the command line: exit 2 with the message, the usage and where to read more. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/**
 * A command that cannot go on, for a reason the message explains (a missing key): that message
 * and `exitCode`, with no usage text.
 */
export class CommandError extends Error {
  override readonly name = "CommandError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Whether the command takes `--json` and was given it (before any `--`). */
export function wantsJson(command: Command | undefined, args: readonly string[]): boolean {
  if (!command?.options.some((o) => o.flag === "--json")) return false;
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

/** The manifest's warnings, as a compiler prints them, on stderr. */
export function printWarnings(manifest: Manifest, ctx: CommandContext): void {
  for (const w of manifest.warnings ?? []) {
    ctx.io.stderr.write(`${ctx.errStyle.yellow(formatWarning(w))}\n`);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs in strict mode, with its errors turned into usage errors and a cap on
 * positional arguments (which parseArgs itself does not offer).
 */
export function parseCommandArgs<const O extends Options>(
  command: Command,
  args: string[],
  options: O,
  maxPositionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional.*$/s, ""),
      command,
    );
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).join(" ");
    throw new UsageError(`unexpected argument: ${extra}`, command);
  }
  return parsed;
}

export const DEFAULT_MANIFEST = "agentframer.yml";

/** The MANIFEST argument, resolved against the working folder; agentframer.yml when absent. */
export function manifestPathFrom(positional: string | undefined, io: CliIo): string {
  return resolve(io.cwd, positional ?? DEFAULT_MANIFEST);
}

/** Help for one command, as `agentframer NAME --help` prints it. */
export function commandHelp(command: Command): string {
  const width = Math.max(0, ...command.options.map((o) => o.flag.length));
  const options = [...command.options, { flag: "-h, --help", description: "Show this help" }]
    .map((o) => `  ${o.flag.padEnd(Math.max(width, 10))}  ${o.description}`)
    .join("\n");
  return `Usage: agentframer ${command.usage}\n\n${command.description}\n\nOptions:\n${options}\n`;
}
