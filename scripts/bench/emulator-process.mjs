// The emulator in a process of its own, for benchmarks that time a client process against it:
// neither competes with the other's event loop. Options come as JSON in argv[2]; prints the API
// URL on its first stdout line; when stdin ends, prints the ledger's counts as JSON and exits.
// Needs `npm run build` (imports lib/).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { startEmulator } = await import(pathToFileURL(join(ROOT, "lib/emulator/index.js")).href);
const emulator = await startEmulator(JSON.parse(process.argv[2] ?? "{}"));
process.stdout.write(`${emulator.apiUrl}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  const { create, status } = emulator.ledger.requests;
  const jobs = emulator.ledger.jobs().length;
  await emulator.close();
  process.stdout.write(`${JSON.stringify({ jobs, create, status })}\n`);
});
