import { parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { emulatorOptionsFrom } from "../emulator-flags.js";
import { ExitCode } from "../exit-codes.js";

const OPTIONS = {
  port: { type: "string" },
  duration: { type: "string" },
  median: { type: "string" },
  spread: { type: "string" },
  "fail-rate": { type: "string" },
  "error-rate": { type: "string" },
  "result-bytes": { type: "string" },
  seed: { type: "string" },
  price: { type: "string", multiple: true },
  balance: { type: "string" },
} as const;

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "Serve the built-in AgentFramer-compatible API on loopback (offline, no key)",
  usage:
    "emulator [--port N] [--duration T|MIN-MAX] [--median T --spread S] [--fail-rate R] [--error-rate R] [--result-bytes N] [--seed N] [--price MODEL=N/PER]... [--balance N]",
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
  ].join("\n"),
  options: [
    { flag: "--port N", description: "API port (default: any free port)" },
    {
      flag: "--duration T|MIN-MAX",
      description:
        'How long each job takes: "2s", "1500ms", or a range "1s-10s" (default 50ms-300ms)',
    },
    { flag: "--median T", description: "With a --duration range: log-normal, with this median" },
    { flag: "--spread S", description: "With --median: σ of ln(duration), e.g. 0.35" },
    { flag: "--fail-rate R", description: "Share of jobs that end failed, 0 to 1" },
    { flag: "--error-rate R", description: "Share of API requests answered 503, 0 to 1" },
    { flag: "--result-bytes N", description: "Pad every result file to at least N bytes" },
    { flag: "--seed N", description: "Seed for every random draw (default 1)" },
    {
      flag: "--price MODEL=N/PER",
      description: "A model's price (PER: image, megapixel or second); repeat per model",
    },
    { flag: "--balance N", description: "The workspace's credits; a job it cannot cover gets 402" },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseCommandArgs(emulatorCommand, args, OPTIONS, 0);
    const options = emulatorOptionsFrom(values, emulatorCommand);
    const { runEmulatorCommand } = await import("../../emulator/index.js");
    await runEmulatorCommand({ stdout: ctx.io.stdout, ...options });
    return ExitCode.Ok;
  },
};
