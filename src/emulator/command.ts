import { startEmulator } from "./emulator.js";
import type { EmulatorOptions } from "./types.js";

export interface EmulatorCommandOptions extends EmulatorOptions {
  stdout: { write(text: string): unknown };
  /** Stops the emulator when aborted; SIGINT and SIGTERM do too. */
  signal?: AbortSignal;
}

/**
 * `agentframer emulator [--port N]`: serve until Ctrl-C (or `signal`), telling the user how to
 * point the CLI at it.
 */
export async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<void> {
  const { stdout, signal, ...emulatorOptions } = options;
  if (signal?.aborted === true) return;
  const emulator = await startEmulator(emulatorOptions);
  stdout.write(
    `AgentFramer emulator listening on ${emulator.apiUrl} (results served from ${emulator.resultsOrigin})\n` +
      `Render against it with: AGENTFRAMER_API_URL=${emulator.apiUrl} AGENTFRAMER_API_KEY=anything agentframer render\n` +
      `Press Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    signal?.addEventListener("abort", stop, { once: true });
  });
  await emulator.close();
  stdout.write("AgentFramer emulator stopped.\n");
}
