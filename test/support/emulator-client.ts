import type { Emulator } from "../../src/emulator/types.js";

/** Helpers for the emulator's own tests: plain fetch over loopback, nothing mocked. */
export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export const KEY = "sk-test-0123456789";

export const IMAGE = { type: "image", model: "af-image-1", prompt: "a lighthouse at dusk" };

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // Anything but an object (malformed-body faults) is kept as text for the test to look at.
  const json =
    typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { raw: text };
  return { status: response.status, headers: response.headers, json };
}

export async function create(
  emulator: Emulator,
  body: unknown,
  options: { key?: string; idempotencyKey?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Authorization: `Bearer ${options.key ?? KEY}`,
    ...options.headers,
  };
  if (options.idempotencyKey !== null) {
    headers["Idempotency-Key"] = options.idempotencyKey ?? `key-${JSON.stringify(body)}`;
  }
  const response = await fetch(`${emulator.apiUrl}/generations`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answer(response);
}

export async function getStatus(
  emulator: Emulator,
  id: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${emulator.apiUrl}/generations/${id}`, {
    headers: { Authorization: `Bearer ${KEY}`, ...headers },
  });
  return answer(response);
}

/** Create a job and wait (with Prefer: wait) until it ends; returns the last status answer. */
export async function render(
  emulator: Emulator,
  body: unknown,
  idempotencyKey?: string,
): Promise<Answer> {
  const created = await create(
    emulator,
    body,
    idempotencyKey === undefined ? {} : { idempotencyKey },
  );
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  const id = String(created.json.id);
  for (;;) {
    const status = await getStatus(emulator, id, { Prefer: "wait=5" });
    if (status.status === 200 && !["queued", "running"].includes(String(status.json.status))) {
      return status;
    }
  }
}

export async function download(url: string, init: RequestInit = {}): Promise<Buffer> {
  const response = await fetch(url, init);
  if (response.status !== 200) throw new Error(`download answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
