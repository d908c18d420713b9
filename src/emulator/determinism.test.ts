import { describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { create, download, IMAGE, render } from "../../test/support/emulator-client.js";
import type { LedgerJob } from "./types.js";

const BODIES = [
  IMAGE,
  { ...IMAGE, prompt: "a harbour at night", width: 300, height: 200 },
  { type: "audio", model: "af-audio-1", prompt: "rain on a tin roof", duration: 1 },
  { type: "video", model: "af-video-1", prompt: "a paper boat" },
];

async function run(
  seed: number,
  reversed = false,
): Promise<Array<Omit<LedgerJob, "createdAt" | "startedAt" | "completedAt"> & { ms: number }>> {
  const emulator = await startEmulator({ seed, faults: { failJob: 0.3 } });
  try {
    // Reverse order on purpose: a job's fate must not depend on arrival order.
    for (const body of reversed ? [...BODIES].reverse() : BODIES) {
      await render(emulator, body, `key-${body.prompt}`);
    }
    return emulator.ledger
      .jobs()
      .map(({ createdAt, startedAt: _s, completedAt, terminalObservedAt: _t, ...rest }) => ({
        ...rest,
        ms: (completedAt ?? 0) - createdAt,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await emulator.close();
  }
}

describe("determinism", () => {
  it("gives the same ids, durations, outcomes and bytes for a seed, whatever the order", async () => {
    const [a, b] = await Promise.all([run(4), run(4, true)]);
    expect(a).toEqual(b);
    expect(a.every((job) => job.ms >= 50 && job.ms <= 300)).toBe(true);
    const other = await run(8);
    expect(other.map((j) => j.sha256)).not.toEqual(a.map((j) => j.sha256));
  });

  it("serves audio and video a reader recognises", async () => {
    const emulator = await startEmulator();
    try {
      const audio = await render(emulator, BODIES[2]);
      const wav = await download(String(audio.json.url));
      expect(wav.toString("latin1", 0, 4) + wav.toString("latin1", 8, 12)).toBe("RIFFWAVE");
      const video = await render(emulator, BODIES[3]);
      const mp4 = await download(String(video.json.url));
      expect(mp4.toString("latin1", 4, 8)).toBe("ftyp");
      expect((await create(emulator, BODIES[3])).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
