import type { Writable } from "node:stream";

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM=dumb. */
function colourEnabled(stream: Writable, env: NodeJS.ProcessEnv): boolean {
  const isTty = (stream as Writable & { isTTY?: boolean }).isTTY === true;
  return isTty && !env.NO_COLOR && env.TERM !== "dumb";
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const PLAIN: Style = {
  bold: (t) => t,
  dim: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  cyan: (t) => t,
};

const COLOUR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

export function styleFor(stream: Writable, env: NodeJS.ProcessEnv): Style {
  return colourEnabled(stream, env) ? COLOUR : PLAIN;
}
