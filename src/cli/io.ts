import type { Writable } from "node:stream";

/** Everything the CLI touches of its process, passed in so tests run it in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}
