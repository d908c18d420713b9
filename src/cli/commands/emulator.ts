import { parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import {
  EMULATOR_BEHAVIOUR_HELP,
  EMULATOR_BEHAVIOUR_OPTIONS,
  EMULATOR_BEHAVIOUR_USAGE,
  emulatorOptionsFrom,
} from "../emulator-flags.js";
import { ExitCode } from "../exit-codes.js";

const OPTIONS = {
  port: { type: "string" },
  ...EMULATOR_BEHAVIOUR_OPTIONS,
} as const;

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "Serve the built-in AgentFramer-compatible API on loopback (offline, no key)",
  usage: `emulator [--port N] ${EMULATOR_BEHAVIOUR_USAGE}`,
  description: [
    "Starts the embedded emulator on 127.0.0.1: the REST contract in full (Bearer auth,",
    "idempotency keys, queued → running → succeeded, Retry-After, Prefer: wait) with real",
    "image, audio and video results served from a second loopback origin. Point a render at it",
    "with AGENTFRAMER_API_URL (it prints the line to use). Runs until Ctrl-C.",
    "",
    "To rehearse a slow or flaky run: --duration 30s (every job), --duration 5s-60s (uniform), plus",
    "--median 12s --spread 0.5 (log-normal in that range, like real render times); --fail-rate 0.1",
    "ends one job in ten failed; --error-rate 0.2 answers one request in five with HTTP 503.",
    "",
    "To rehearse spending: --price flux-1.1-pro=4/image (repeat per model; per image, megapixel or",
    "second) lists prices at GET /v1/models and charges each job; --balance 100 answers GET",
    "/v1/credits and refuses a job the balance cannot cover with 402. Without either, both",
    "endpoints answer 404, as a server without them does.",
    "",
    "`render --emulator` takes the same flags (all but --port) for the emulator it starts itself.",
  ].join("\n"),
  options: [
    { flag: "--port N", description: "API port (default: any free port)" },
    ...EMULATOR_BEHAVIOUR_HELP,
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseCommandArgs(emulatorCommand, args, OPTIONS, 0);
    const options = emulatorOptionsFrom(values, emulatorCommand);
    const { runEmulatorCommand } = await import("../../emulator/index.js");
    await runEmulatorCommand({ stdout: ctx.io.stdout, ...options });
    return ExitCode.Ok;
  },
};
