import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Timeouts only catch a hang: a test that drives several child processes can need more than
    // 30 s on a machine busy with other work, and that is not a failure of what it tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most test files spend their time waiting on child processes, loopback servers and timers,
    // not computing, so two files per core keep the cores busy. Vitest's default, one worker
    // fewer than the cores, ran the whole suite one file at a time on a 2-core machine.
    maxWorkers: 2 * availableParallelism(),
  },
});
