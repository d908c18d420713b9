/**
 * The one neutraliser for text the tool did not write: whatever a server says (the API's error
 * messages, git's stderr, an S3 error's Message, a GitHub API error, a store record's fields)
 * passes here before any printer, wherever it enters a message.
 *
 * The GitHub runner reads a step's output line by line, and a line that starts — after blanks —
 * with `::` is a workflow command (`::error file=…::` forges an annotation, `::stop-commands::`
 * silences the rest of the log's commands, `::add-mask::` hides what follows); the older `##[`
 * form is recognised anywhere in a line. A carriage return ends a line as a newline does, and a
 * terminal's escape sequences can redraw what was printed. So:
 *
 * - every line break (CR LF, CR, LF, and the rarer VT, FF, NEL, LS, PS) becomes one LF;
 * - every other control character (escape sequences included) is dropped, tabs kept;
 * - a line that would start with `::` gets a `| ` before it, and `##[` becomes `# #[`.
 *
 * The text stays readable (a multi-line git error keeps its lines), and nothing in it can be a
 * command, wherever it lands.
 */
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
/** `::` at the start of a line, after the blanks the runner skips. */
const COMMAND_START = /^([^\S\n]*)::/gmu;

export function neutralizeOutsideText(text: string): string {
  return text
    .replace(LINE_BREAKS, "\n")
    .replace(CONTROLS, "")
    .replace(/##\[/g, "# #[")
    .replace(COMMAND_START, "$1| ::");
}
