/** Entry point of the bundled action (dist/action/index.js). */
import { coreHost } from "./host.js";
import { main } from "./wiring.js";

const host = await coreHost();
try {
  await main(host);
} catch (error) {
  host.setFailed(error instanceof Error ? error.message : String(error));
}
