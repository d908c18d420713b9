import type { Segment } from "./media-file.js";
import type { Palette } from "./palette.js";

export const WAV_SAMPLE_RATE = 22_050;
const NOTE_SECONDS = 0.25;

/**
 * Mono 16-bit PCM: the palette's notes played in turn, each struck and fading (with a short fade
 * in and out so there are no clicks), padded to at least `minBytes` with a `JUNK` chunk (which readers skip).
 */
export function wavSegments(
  durationSeconds: number,
  palette: Palette,
  minBytes: number,
): Segment[] {
  const samples = Math.max(1, Math.round(durationSeconds * WAV_SAMPLE_RATE));
  const data = Buffer.alloc(samples * 2);
  const noteLength = Math.round(NOTE_SECONDS * WAV_SAMPLE_RATE);
  const fade = Math.round(0.01 * WAV_SAMPLE_RATE);
  for (let i = 0; i < samples; i++) {
    const noteIndex = Math.floor(i / noteLength);
    const frequency = palette.notes[noteIndex % palette.notes.length] ?? 440;
    const inNote = i % noteLength;
    // Each note is struck and dies away (louder for the lower notes), so a waveform shows them.
    const strike = 0.55 + 0.45 * (220 / frequency);
    const envelope =
      Math.min(1, inNote / fade, (noteLength - inNote) / fade) *
      strike *
      Math.exp((-2.5 * inNote) / noteLength);
    const t = i / WAV_SAMPLE_RATE;
    const wave =
      Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t);
    data.writeInt16LE(Math.round(wave * envelope * 0.75 * 32767 * 0.77), i * 2);
  }
  const base = 44 + data.length;
  let junk = 0;
  if (minBytes > base) {
    junk = Math.max(0, minBytes - base - 8);
    junk += junk % 2; // RIFF chunks are word-aligned
  }
  const riffSize = base - 8 + (minBytes > base ? 8 + junk : 0);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(riffSize, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  header.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  if (minBytes <= base) return [header, data];
  const junkHeader = Buffer.alloc(8);
  junkHeader.write("JUNK", 0, "latin1");
  junkHeader.writeUInt32LE(junk, 4);
  return [header, data, junkHeader, { zeros: junk }];
}
