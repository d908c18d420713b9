/** Entry point of the bundled action (dist/action/index.js). */
import { coreHost } from "./host.js";
import { main } from "./wiring.js";

const host = await coreHost();
try {
  await main(host);
} catch (error) {
  host.setFailed(error instanceof Error ? error.message : String(error));
}
// Everything the action waits for is done. What is left is work given up at its deadline (an
// Actions cache call, cache-step.ts), which may hold a socket open for as long as the library's
// own timeouts: the step ends now, with the exit code set above.
process.exit();
