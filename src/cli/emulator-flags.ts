/**
 * `agentframer emulator` flags → EmulatorOptions, so a user can rehearse slow or flaky runs:
 * job durations (fixed, uniform or log-normal), failure rates and result sizes. Each parser
 * returns the value or throws a UsageError naming the flag and what it takes.
 */
import type {
  CreditOptions,
  DurationRange,
  EmulatorOptions,
  Faults,
  ModelPrice,
} from "../emulator/types.js";
import { UsageError } from "./command.js";
import type { Command, OptionHelp } from "./command.js";

/**
 * The flags that shape the emulator's behaviour, as parseArgs options: `agentframer emulator`
 * takes them, and so does `render --emulator` for the emulator it starts in-process.
 */
export const EMULATOR_BEHAVIOUR_OPTIONS = {
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

export const EMULATOR_BEHAVIOUR_HELP: readonly OptionHelp[] = [
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
];

/** The same flags in a usage line. */
export const EMULATOR_BEHAVIOUR_USAGE =
  "[--duration T|MIN-MAX] [--median T --spread S] [--fail-rate R] [--error-rate R] [--result-bytes N] [--seed N] [--price MODEL=N/PER]... [--balance N]";

/** The behaviour flags that were given, by their command-line names (for "needs --emulator"). */
export function givenEmulatorFlags(flags: EmulatorFlags): string[] {
  return Object.keys(EMULATOR_BEHAVIOUR_OPTIONS)
    .filter((name) => flags[name as keyof EmulatorFlags] !== undefined)
    .map((name) => `--${name}`);
}

export interface EmulatorFlags {
  port?: string | undefined;
  duration?: string | undefined;
  median?: string | undefined;
  spread?: string | undefined;
  "fail-rate"?: string | undefined;
  "error-rate"?: string | undefined;
  "result-bytes"?: string | undefined;
  seed?: string | undefined;
  price?: string[] | undefined;
  balance?: string | undefined;
}

/** "1500", "1500ms" or "1.5s" → milliseconds. */
function milliseconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] === "s" ? 1000 : 1);
  return Number.isFinite(value) ? Math.round(value) : undefined;
}

export function emulatorOptionsFrom(flags: EmulatorFlags, command: Command): EmulatorOptions {
  const fail = (message: string): never => {
    throw new UsageError(message, command);
  };
  const whole = (flag: string, text: string, max: number): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value > max) {
      fail(`--${flag} takes a whole number from 0 to ${max}, not "${text}"`);
    }
    return value;
  };
  const rate = (flag: string, text: string): number => {
    const value = Number(text);
    if (text.trim() === "" || !(value >= 0 && value <= 1)) {
      fail(`--${flag} takes a share of jobs from 0 to 1 (0.1 = one in ten), not "${text}"`);
    }
    return value;
  };
  const options: EmulatorOptions = {};
  if (flags.port !== undefined) {
    const port = Number(flags.port);
    if (!/^\d+$/.test(flags.port) || port > 65_535) {
      fail(`--port takes a port number from 0 to 65535, not "${flags.port}"`);
    }
    options.port = port;
  }
  if (flags.seed !== undefined) options.seed = whole("seed", flags.seed, 2 ** 32 - 1);
  if (flags["result-bytes"] !== undefined) {
    options.resultBytes = whole("result-bytes", flags["result-bytes"], 1024 ** 3);
  }
  const durations = durationsFrom(flags, fail);
  if (durations !== undefined) {
    options.durations = { image: durations, video: durations, audio: durations };
  }
  const faults: Partial<Faults> = {};
  if (flags["fail-rate"] !== undefined) faults.failJob = rate("fail-rate", flags["fail-rate"]);
  if (flags["error-rate"] !== undefined) {
    const share = rate("error-rate", flags["error-rate"]);
    faults.create5xx = share;
    faults.status5xx = share;
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  const credits = creditsFrom(flags, fail);
  if (credits !== undefined) options.credits = credits;
  return options;
}

const PRICE_TAKES =
  'takes MODEL=CREDITS/PER with PER image, megapixel or second (e.g. "flux-1.1-pro=4/image"), not';

/**
 * `--price MODEL=N/PER` (repeatable) and `--balance N` switch on `GET /models`, `GET /credits`,
 * the per-job `credits` and the 402 of a short balance; without either the emulator offers none.
 */
function creditsFrom(
  flags: EmulatorFlags,
  fail: (message: string) => never,
): CreditOptions | undefined {
  if (flags.price === undefined && flags.balance === undefined) return undefined;
  const prices: Record<string, ModelPrice> = {};
  for (const text of flags.price ?? []) {
    const match = /^(.+)=(\d+(?:\.\d+)?)\/(image|megapixel|second)$/.exec(text.trim());
    if (!match) return fail(`--price ${PRICE_TAKES} "${text}"`);
    const [, model = "", credits = "", per = "image"] = match;
    prices[model] = { credits: Number(credits), per: per as ModelPrice["per"] };
  }
  const credits: CreditOptions = { prices };
  if (flags.balance !== undefined) {
    const balance = Number(flags.balance);
    if (!/^\d+(?:\.\d+)?$/.test(flags.balance.trim()) || !Number.isFinite(balance)) {
      fail(`--balance takes a number of credits, 0 or more, not "${flags.balance}"`);
    }
    credits.balance = balance;
  }
  return credits;
}

const DURATION_TAKES = 'takes a time ("2s", "1500ms") or a range ("1s-10s"), not';

/**
 * `--duration 2s` (every job), `--duration 1s-10s` (uniform), and with `--median 4s --spread 0.5`
 * log-normal within the range.
 */
function durationsFrom(
  flags: EmulatorFlags,
  fail: (message: string) => never,
): DurationRange | undefined {
  const { duration, median, spread } = flags;
  if (duration === undefined) {
    if (median !== undefined || spread !== undefined) {
      fail("--median and --spread shape a --duration range: add --duration MIN-MAX");
    }
    return undefined;
  }
  const [low = "", high, extra] = duration.split("-");
  const minMs = milliseconds(low);
  const maxMs = high === undefined ? minMs : milliseconds(high);
  if (minMs === undefined || maxMs === undefined || extra !== undefined || maxMs < minMs) {
    return fail(`--duration ${DURATION_TAKES} "${duration}"`);
  }
  if (median === undefined && spread === undefined) return { minMs, maxMs };
  const medianMs = median === undefined ? undefined : milliseconds(median);
  const sigma = spread === undefined ? undefined : Number(spread);
  if (medianMs === undefined || medianMs <= 0 || medianMs < minMs || medianMs > maxMs) {
    return fail(
      `--median takes a time inside the --duration range ${duration}, not "${median ?? ""}"`,
    );
  }
  if (sigma === undefined || !(Number.isFinite(sigma) && sigma >= 0) || spread?.trim() === "") {
    return fail(
      `--spread takes a number 0 or more (the σ of ln(duration), e.g. 0.35), not "${spread ?? ""}"`,
    );
  }
  return { minMs, maxMs, medianMs, spread: sigma };
}
