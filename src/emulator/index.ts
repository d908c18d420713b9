export { startEmulator } from "./emulator.js";
export { runEmulatorCommand } from "./command.js";
export type { EmulatorCommandOptions } from "./command.js";
export { NO_FAULTS } from "./faults.js";
export type * from "./types.js";
