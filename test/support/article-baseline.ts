/**
 * The source article's REST loop (reference/mcp-vs-rest-seed.txt), kept as the baseline that
 * poll-simulation.test.ts compares our poller with (`npm run bench:render` has its own copy in
 * scripts/bench/render.mjs): POST, then up to 60 polls, the i-th after
 * waiting 1000 + 250·i ms, failing on any non-2xx answer. Same dispatcher, same server, same jobs.
 * Two deliberate departures, both needed to run it against the contract: it sends the
 * Idempotency-Key the contract requires, and its sleep is injectable. Not used by the product.
 */
import type { Dispatcher } from "undici";
import { request } from "undici";
import type { Sleep } from "../../src/net/retry.js";
import { sleep as realSleep } from "../../src/net/retry.js";

export interface ArticleOptions {
  baseUrl: string;
  apiKey: string;
  dispatcher: Dispatcher;
  sleep?: Sleep;
}

export interface ArticleResult {
  id: string;
  url: string;
  /** Status GETs made (the POST not included). */
  polls: number;
}

/** POST then `articlePoll`, as the article's `generate()` does. */
export async function articleGenerate(
  body: Record<string, unknown>,
  idempotencyKey: string,
  options: ArticleOptions,
): Promise<ArticleResult> {
  const create = await request(`${options.baseUrl}/generations`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      "content-type": "application/json",
      "idempotency-key": idempotencyKey,
    },
    body: JSON.stringify(body),
    dispatcher: options.dispatcher,
  });
  if (create.statusCode < 200 || create.statusCode > 299) {
    await create.body.dump();
    throw new Error(`create ${create.statusCode}`);
  }
  const { id } = (await create.body.json()) as { id: string };
  return articlePoll(id, options);
}

/** The article's polling loop, exactly. */
export async function articlePoll(id: string, options: ArticleOptions): Promise<ArticleResult> {
  const sleep = options.sleep ?? realSleep;
  for (let i = 0; i < 60; i++) {
    await sleep(1000 + i * 250);
    const poll = await request(`${options.baseUrl}/generations/${id}`, {
      headers: { authorization: `Bearer ${options.apiKey}` },
      dispatcher: options.dispatcher,
    });
    if (poll.statusCode < 200 || poll.statusCode > 299) {
      await poll.body.dump();
      throw new Error(`poll ${poll.statusCode}`);
    }
    const job = (await poll.body.json()) as { status: string; url?: string; error?: string };
    if (job.status === "succeeded" && job.url) return { id, url: job.url, polls: i + 1 };
    if (job.status === "failed") throw new Error(job.error ?? "failed");
  }
  throw new Error("timeout");
}
