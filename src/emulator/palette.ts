import { createHash } from "node:crypto";
import { seededRandom } from "./rng.js";

export type Rgb = [number, number, number];

export interface Palette {
  from: Rgb;
  to: Rgb;
  accent: Rgb;
  discs: Array<{ x: number; y: number; r: number; colour: Rgb }>;
  waveFrequency: number;
  /** Musical notes (Hz) for audio, in order. */
  notes: number[];
}

/** Colours, shapes and notes for one request: a function of the seed and the canonical body. */
export function paletteFor(seed: number, bodyHash: string, prompt: string): Palette {
  const promptHash = createHash("sha256").update(prompt).digest("hex");
  const random = seededRandom("palette", seed, promptHash, bodyHash);
  const hue = random() * 360;
  const colour = (h: number, s: number, l: number): Rgb => hslToRgb(h % 360, s, l);
  const from = colour(hue, 0.65, 0.35);
  const to = colour(hue + 60 + random() * 120, 0.7, 0.6);
  const accent = colour(hue + 180, 0.8, 0.55);
  const discs = Array.from({ length: 3 + Math.floor(random() * 3) }, (_, i) => ({
    x: 0.15 + random() * 0.7,
    y: 0.15 + random() * 0.7,
    r: 0.08 + random() * 0.2,
    colour: colour(hue + 90 * (i + 1) + random() * 40, 0.75, 0.45 + random() * 0.25),
  }));
  // A major pentatonic scale on A3, so any sequence sounds tolerable.
  const scale = [0, 2, 4, 7, 9, 12, 14, 16];
  const notes = Array.from(
    { length: 8 },
    () => 220 * 2 ** ((scale[Math.floor(random() * scale.length)] ?? 0) / 12),
  );
  return { from, to, accent, discs, waveFrequency: 6 + random() * 20, notes };
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function hslToRgb(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}
