import type { MediaFileReader } from "./media-file-reader.js";
import { MediaFormatError } from "./media-file-reader.js";

/** What a waveform needs from a WAV: its length and, per column, the lowest and highest sample. */
export interface WavPeaks {
  durationSeconds: number;
  /** Per column, in −1..1: `low[i]` ≤ `high[i]`. */
  low: Float32Array;
  high: Float32Array;
}

interface WavFormat {
  encoding: "int" | "float";
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;
/** Samples are read in slices of this many bytes, whatever the file's size. */
const SLICE_BYTES = 1 << 20;
/** Chunks walked before giving up on finding `data` (a file of empty chunks is not audio). */
const MAX_CHUNKS = 1024;

function parseFormat(fmt: Buffer): WavFormat {
  if (fmt.length < 16) throw new MediaFormatError("its fmt chunk is too short");
  let tag = fmt.readUInt16LE(0);
  if (tag === EXTENSIBLE && fmt.length >= 26) tag = fmt.readUInt16LE(24); // the sub-format GUID
  const format: WavFormat = {
    encoding: tag === IEEE_FLOAT ? "float" : "int",
    channels: fmt.readUInt16LE(2),
    sampleRate: fmt.readUInt32LE(4),
    bitsPerSample: fmt.readUInt16LE(14),
    blockAlign: fmt.readUInt16LE(12),
  };
  const { channels, sampleRate, bitsPerSample, blockAlign } = format;
  const supported =
    (tag === PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
    (tag === IEEE_FLOAT && bitsPerSample === 32);
  if (!supported)
    throw new MediaFormatError(`its sample format (tag ${tag}, ${bitsPerSample} bits) is not PCM`);
  if (channels < 1 || channels > 64 || sampleRate < 1 || sampleRate > 1_000_000)
    throw new MediaFormatError(`it claims ${channels} channels at ${sampleRate} Hz`);
  if (blockAlign !== channels * (bitsPerSample / 8))
    throw new MediaFormatError("its block size does not match its channels and sample size");
  return format;
}

/** A sample decoder for one format: the value at byte `at`, in −1..1. */
function sampleReader(format: WavFormat): (bytes: Buffer, at: number) => number {
  if (format.encoding === "float") return (b, at) => Math.max(-1, Math.min(1, b.readFloatLE(at)));
  switch (format.bitsPerSample) {
    case 8:
      return (b, at) => ((b[at] as number) - 128) / 128;
    case 16:
      return (b, at) => b.readInt16LE(at) / 32768;
    case 24:
      return (b, at) => b.readIntLE(at, 3) / 8388608;
    default:
      return (b, at) => b.readInt32LE(at) / 2147483648;
  }
}

/**
 * Walk a RIFF/WAVE file's chunks to `fmt ` and `data` and fold every sample (all channels) into
 * `columns` min/max pairs, reading the samples in bounded slices. Chunk sizes are checked against
 * the file: a `data` chunk that claims more than the file holds is read as far as the file goes.
 */
export async function wavPeaks(reader: MediaFileReader, columns: number): Promise<WavPeaks> {
  const head = await reader.read(0, 12);
  if (
    head.length < 12 ||
    head.toString("latin1", 0, 4) !== "RIFF" ||
    head.toString("latin1", 8, 12) !== "WAVE"
  )
    throw new MediaFormatError("it is not a RIFF/WAVE file");
  let format: WavFormat | undefined;
  let data: { offset: number; length: number } | undefined;
  let at = 12;
  for (let walked = 0; at + 8 <= reader.size && walked < MAX_CHUNKS && !data; walked++) {
    const header = await reader.read(at, 8);
    const id = header.toString("latin1", 0, 4);
    const length = header.readUInt32LE(4);
    if (id === "fmt ") format = parseFormat(await reader.read(at + 8, Math.min(length, 64)));
    if (id === "data") data = { offset: at + 8, length: Math.min(length, reader.size - at - 8) };
    at += 8 + length + (length % 2); // chunks are word-aligned
  }
  if (format === undefined) throw new MediaFormatError("it has no fmt chunk before its samples");
  if (data === undefined) throw new MediaFormatError("it has no data chunk");
  const frames = Math.floor(data.length / format.blockAlign);
  const low = new Float32Array(columns);
  const high = new Float32Array(columns);
  const read = sampleReader(format);
  const bytesPerSample = format.bitsPerSample / 8;
  const framesPerSlice = Math.max(1, Math.floor(SLICE_BYTES / format.blockAlign));
  for (let first = 0; first < frames; first += framesPerSlice) {
    const count = Math.min(framesPerSlice, frames - first);
    const slice = await reader.read(
      data.offset + first * format.blockAlign,
      count * format.blockAlign,
    );
    const available = Math.floor(slice.length / format.blockAlign);
    for (let i = 0; i < available; i++) {
      const column = Math.min(columns - 1, Math.floor(((first + i) * columns) / frames));
      for (let channel = 0; channel < format.channels; channel++) {
        const value = read(slice, i * format.blockAlign + channel * bytesPerSample);
        if (value < (low[column] as number)) low[column] = value;
        if (value > (high[column] as number)) high[column] = value;
      }
    }
  }
  return { durationSeconds: frames / format.sampleRate, low, high };
}
