/**
 * The command registry: one line per command, each exporting a `Command` from its own file.
 * To add a command, write src/cli/commands/NAME.ts exporting `nameCommand: Command` and add
 *   export { nameCommand } from "./NAME.js";
 * here. `agentframer --help` lists commands by name.
 *
 * Every command is imported at start-up, so a command file holds its help (name, summary, usage,
 * description, options) and argument checks, and its `run` loads the heavy part (the loader, the
 * renderer and its HTTP client, the emulator, the JSON-Schema generator) with `import()`: ncc
 * puts those in chunks of their own, and `plan` no longer evaluates the renderer's code.
 */
export { emulatorCommand } from "./emulator.js";
export { initCommand } from "./init.js";
export { lockCommand } from "./lock.js";
export { planCommand } from "./plan.js";
export { pruneCommand } from "./prune.js";
export { pullCommand } from "./pull.js";
export { renderCommand } from "./render.js";
export { schemaCommand } from "./schema.js";
export { validateCommand } from "./validate.js";
