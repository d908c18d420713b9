import { Writable } from "node:stream";
import { runCli } from "../../src/cli/run.js";

class Capture extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `agentframer ...argv` in `cwd`, capturing what it prints. */
export async function runIn(
  cwd: string,
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliOutcome> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await runCli(argv, { stdout, stderr, env: options.env ?? {}, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
