// The floor for bench:render's scale section: a minimal durable client, as small as a careful
// script can be. For each line of the job list: POST with an idempotency key, poll until the job
// ends (each look a status request held by `Prefer: wait`, as ours sends), download, write to a temp file, fsync,
// rename. No journal, lockfile, cache or verification. Concurrency from argv.
// Usage: node minimal-client.mjs API_URL KEY JOBS CONCURRENCY OUT_DIR
import { mkdirSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";
import { Agent, request } from "undici";

const [apiUrl, key, jobs, concurrency, outDir] = process.argv.slice(2);
const total = Number(jobs);
const dispatcher = new Agent({ connections: Number(concurrency) + 2 });
const auth = { authorization: `Bearer ${key}` };
mkdirSync(outDir, { recursive: true });

async function one(i) {
  const create = await request(`${apiUrl}/generations`, {
    method: "POST",
    dispatcher,
    headers: { ...auth, "content-type": "application/json", "idempotency-key": `minimal-${i}` },
    body: JSON.stringify({
      type: "image",
      model: "flux-1.1-pro",
      prompt: `Scale picture ${i}, a lighthouse at dusk`,
      width: 64,
      height: 64,
    }),
  });
  if (create.statusCode >= 300) throw new Error(`create ${create.statusCode}`);
  let job = await create.body.json();
  // A create may answer `succeeded` at once, but the URL comes with a status answer.
  while (job.status !== "succeeded" || !job.url) {
    if (job.status === "failed" || job.status === "canceled") throw new Error(job.status);
    const poll = await request(`${apiUrl}/generations/${job.id}`, {
      dispatcher,
      headers: { ...auth, prefer: "wait=60" },
    });
    job = await poll.body.json();
  }
  const download = await request(job.url, { dispatcher });
  const bytes = Buffer.from(await download.body.arrayBuffer());
  const target = join(outDir, `${i}.png`);
  const temp = `${target}.tmp`;
  const handle = await open(temp, "w");
  await handle.writeFile(bytes);
  await handle.sync();
  await handle.close();
  await rename(temp, target);
}

let next = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    for (let i = next++; i < total; i = next++) await one(i);
  }),
);
await dispatcher.close();
