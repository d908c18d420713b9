/**
 * The one typed settings object both front ends build (the CLI from flags and environment, the
 * action from its inputs). Everything after this point knows nothing of where it came from.
 */
export interface RenderConfig {
  /** Absolute path of the manifest. */
  manifestPath: string;
  /** Base URL of the AgentFramer API, e.g. https://api.agentframer.com/v1. Ignored with `emulator`. */
  apiUrl: string;
  /**
   * Bearer key. Never printed, never written anywhere. Optional with `emulator`, which then gets
   * a placeholder; if set, it is sent to the emulator too (on loopback).
   */
  apiKey: string | undefined;
  /** Start an in-process emulator on loopback and render against it (no key, no network). */
  emulator: boolean;
  /** Jobs in flight at once. Default 8. */
  concurrency: number;
  /** Only assets whose id matches one of these globs (`*` wildcard), if set. */
  only: readonly string[] | undefined;
  /** Re-render even unchanged assets (a new idempotency key, so a new job). */
  force: boolean;
  /**
   * Put the rendered bytes back over outputs edited since (plan status `modified`). Without it
   * (or `force`) a render with such outputs refuses to start.
   */
  overwriteModified?: boolean;
  /** Refuse to start (exit 3) when the plan needs more jobs than this. */
  maxJobs: number | undefined;
  /**
   * Refuse to start (exit 3) when the new jobs' estimated credits exceed this, or when a price is
   * unknown (see docs/credits.md).
   */
  maxCredits?: number;
  /** `--shard I/N`: this run takes the assets whose hash falls in shard I (1-based) of N. */
  shard: { index: number; total: number } | undefined;
}

export const DEFAULT_API_URL = "https://api.agentframer.com/v1";
export const DEFAULT_CONCURRENCY = 8;
