import { describe, expect, it } from "vitest";
import { runIn } from "../../test/support/run-cli.js";

const ESC = "\u001b[";

describe("colour", () => {
  it("is used on a terminal", async () => {
    const { stderr } = await runIn(".", ["frobnicate"], { tty: true });
    expect(stderr).toContain(ESC);
  });

  it("is never used when the output is not a terminal", async () => {
    const { stderr } = await runIn(".", ["frobnicate"], { tty: false });
    expect(stderr).not.toContain(ESC);
  });

  it("is never used when NO_COLOR is set, even on a terminal", async () => {
    const { stderr } = await runIn(".", ["frobnicate"], { tty: true, env: { NO_COLOR: "1" } });
    expect(stderr).not.toContain(ESC);
  });
});
