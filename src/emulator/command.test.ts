import { describe, expect, it } from "vitest";
import { runEmulatorCommand } from "./command.js";

describe("runEmulatorCommand", () => {
  it("prints the URL and a hint, serves until aborted, then stops", async () => {
    let output = "";
    const stop = new AbortController();
    const running = runEmulatorCommand({
      stdout: { write: (text: string) => (output += text) },
      signal: stop.signal,
    });
    while (!output.includes("AGENTFRAMER_API_KEY=anything")) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const apiUrl = /AGENTFRAMER_API_URL=(\S+)/.exec(output)?.[1] ?? "";
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const answer = await fetch(`${apiUrl}/generations/gen_x`, {
      headers: { Authorization: "Bearer anything" },
    });
    expect(answer.status).toBe(404);
    stop.abort();
    await running;
    expect(output).toMatch(/stopped/);
    await expect(fetch(`${apiUrl}/generations/gen_x`)).rejects.toThrow();
  });
});
