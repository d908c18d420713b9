/**
 * The command registry: one line per command, each exporting a `Command` from its own file.
 * To add a command, write src/cli/commands/NAME.ts exporting `nameCommand: Command` and add
 *   export { nameCommand } from "./NAME.js";
 * here. `agentframer --help` lists commands by name.
 */
export { emulatorCommand } from "./emulator.js";
export { initCommand } from "./init.js";
export { planCommand } from "./plan.js";
export { pruneCommand } from "./prune.js";
export { renderCommand } from "./render.js";
export { schemaCommand } from "./schema.js";
export { validateCommand } from "./validate.js";
