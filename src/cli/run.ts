import type { Writable } from "node:stream";
import { ExitCode } from "./exit-codes.js";

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  io.stderr.write(`agentframer: not yet implemented: ${argv.join(" ")}\n`);
  return ExitCode.Invalid;
}
