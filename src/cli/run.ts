/**
 * The CLI front end: pick the command, run it, and turn whatever it throws into one report and
 * an exit code. Everything a command needs from the process comes in through `io`.
 */
import { ManifestError, formatProblem, formatWarning } from "../manifest/errors.js";
import type { ManifestProblem } from "../manifest/errors.js";
import { LockfileError } from "../state/lockfile-error.js";
import { RunRefusedError } from "../render/refusals.js";
import { RunLockError } from "../state/run-lock.js";
import { StateDirError } from "../state/state-dir.js";
import { CommandError, UsageError, commandHelp, wantsJson } from "./command.js";
import type { Command, CommandContext } from "./command.js";
import * as registry from "./commands/index.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { styleFor } from "./style.js";
import { VERSION } from "./version.js";
import { credentialsIn, redactSecrets } from "../net/leaked-key.js";
import { neutralizeOutsideText } from "../util/outside-text.js";

export type { CliIo } from "./io.js";

export function commands(): Command[] {
  return Object.values(registry).sort((a, b) => (a.name < b.name ? -1 : 1));
}

function programHelp(): string {
  const list = commands();
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    "agentframer — keep a repository's AI-generated media in step with its manifest",
    "",
    "Usage: agentframer <command> [options]",
    "",
    "Commands:",
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help     Show help (also: agentframer <command> --help)",
    "  -V, --version  Print the version",
    "",
    "Exit codes: 0 done; 1 some assets failed (plan --check: out of date); 2 invalid manifest or",
    "usage (nothing written); 3 stopped early by auth, credits, an unreachable API, a budget or",
    "Ctrl-C (what finished is recorded).",
    "",
  ].join("\n");
}

/** Arguments before a `--` (after it, `--help` is a file name). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** Whether this invocation asked for `--json`: then even a refusal prints one JSON document. */
function jsonWanted(argv: readonly string[]): boolean {
  const [name, ...args] = argv;
  return wantsJson(
    commands().find((c) => c.name === name),
    args,
  );
}

async function dispatch(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    ctx.io.stderr.write(programHelp());
    return ExitCode.Invalid;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const command = commands().find((c) => c.name === args[0]);
    ctx.io.stdout.write(command ? commandHelp(command) : programHelp());
    return ExitCode.Ok;
  }
  if (name === "--version" || name === "-V") {
    ctx.io.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const command = commands().find((c) => c.name === name);
  if (command === undefined) {
    const names = commands().map((c) => c.name);
    throw new UsageError(
      name.startsWith("-")
        ? `unknown option ${name}; options go after the command`
        : `unknown command "${name}"; commands: ${names.join(", ")}`,
    );
  }
  if (wantsHelp(args)) {
    ctx.io.stdout.write(commandHelp(command));
    return ExitCode.Ok;
  }
  return command.run(args, ctx);
}

/** The one document `--json` promises, for a command that stopped on an error. */
interface ErrorDocument {
  error: {
    kind: "usage" | "config" | "manifest" | "lockfile" | "locked" | "refused" | "internal";
    message: string;
    problems?: readonly ManifestProblem[];
    warnings?: readonly ManifestProblem[];
  };
}

/** "2 problems in the manifest", and that nothing was written where the command could write. */
function problemsLine(n: number, readOnly: boolean): string {
  return `${n} problem${n === 1 ? "" : "s"} in the manifest${readOnly ? "" : "; nothing was written"}`;
}

function errorDocument(error: unknown, readOnly: boolean): ErrorDocument {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ManifestError) {
    return {
      error: {
        kind: "manifest",
        message: problemsLine(error.problems.length, readOnly),
        problems: error.problems,
        warnings: error.warnings,
      },
    };
  }
  if (error instanceof UsageError) return { error: { kind: "usage", message } };
  if (error instanceof LockfileError) return { error: { kind: "lockfile", message } };
  if (error instanceof RunRefusedError || error instanceof StateDirError) {
    return { error: { kind: "refused", message } };
  }
  if (error instanceof RunLockError) return { error: { kind: "locked", message } };
  if (error instanceof CommandError) return { error: { kind: "config", message } };
  return { error: { kind: "internal", message } };
}

/** Report a thrown error once, as the user should read it, and pick the exit code. */
function report(error: unknown, ctx: CommandContext, json: boolean, readOnly: boolean): number {
  if (json) ctx.io.stdout.write(`${JSON.stringify(errorDocument(error, readOnly))}\n`);
  const { stderr } = ctx.io;
  const red = ctx.errStyle.red;
  if (error instanceof CommandError) {
    stderr.write(`agentframer: ${red(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof UsageError) {
    const usage = error.command
      ? `agentframer ${error.command.usage}`
      : "agentframer <command> [options]";
    const more = error.command ? `agentframer ${error.command.name} --help` : "agentframer --help";
    stderr.write(`agentframer: ${red(error.message)}\nUsage: ${usage}\nRun '${more}' for more.\n`);
    return ExitCode.Invalid;
  }
  if (error instanceof ManifestError) {
    const yellow = ctx.errStyle.yellow;
    stderr.write(error.warnings.map((w) => `${yellow(formatWarning(w))}\n`).join(""));
    stderr.write(error.problems.map((p) => `${formatProblem(p)}\n`).join(""));
    stderr.write(red(`${problemsLine(error.problems.length, readOnly)}.\n`));
    return ExitCode.Invalid;
  }
  if (error instanceof LockfileError || error instanceof RunLockError) {
    stderr.write(`agentframer: ${red(error.message)}\nNothing was written.\n`);
    return ExitCode.Invalid;
  }
  if (error instanceof RunRefusedError || error instanceof StateDirError) {
    stderr.write(`agentframer: ${red(error.message)}\nNothing was submitted or written.\n`);
    return ExitCode.Invalid;
  }
  // The stack helps a bug report, not a user: only on request.
  const detail = ctx.io.env.AGENTFRAMER_DEBUG ? (error as Error).stack : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // An error the tool did not foresee may quote a server: no workflow command, no credential.
  const safe = neutralizeOutsideText(redactSecrets(detail ?? message, credentialsIn(ctx.io.env)));
  stderr.write(`agentframer: error: ${safe}\n`);
  return ExitCode.AssetsFailed;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const ctx: CommandContext = {
    io,
    outStyle: styleFor(io.stdout, io.env),
    errStyle: styleFor(io.stderr, io.env),
  };
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    const readOnly = commands().find((c) => c.name === argv[0])?.readOnly === true;
    return report(error, ctx, jsonWanted(argv), readOnly);
  }
}
