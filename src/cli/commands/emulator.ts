import { parseCommandArgs, UsageError } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

const OPTIONS = { port: { type: "string" } } as const;

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "Serve the built-in AgentFramer-compatible API on loopback (offline, no key)",
  usage: "emulator [--port N]",
  description: [
    "Starts the embedded emulator on 127.0.0.1: the REST contract in full (Bearer auth,",
    "idempotency keys, queued → running → succeeded, Retry-After, Prefer: wait) with real",
    "image, audio and video results served from a second loopback origin. Point a render at it",
    "with AGENTFRAMER_API_URL (it prints the line to use). Runs until Ctrl-C.",
  ].join("\n"),
  options: [{ flag: "--port N", description: "API port (default: any free port)" }],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseCommandArgs(emulatorCommand, args, OPTIONS, 0);
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!/^\d+$/.test(values.port) || port > 65_535) {
        throw new UsageError(
          `--port takes a port number from 0 to 65535, not "${values.port}"`,
          emulatorCommand,
        );
      }
    }
    const { runEmulatorCommand } = await import("../../emulator/index.js");
    await runEmulatorCommand({ stdout: ctx.io.stdout, ...(port === undefined ? {} : { port }) });
    return ExitCode.Ok;
  },
};
