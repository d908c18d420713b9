import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import type { Lockfile } from "../../src/state/lock-types.js";
import type { RenderConfig } from "../../src/render/config.js";
import type { ProgressEvent, ProgressReporter } from "../../src/render/progress/events.js";
import { tempDir } from "./temp-dir.js";

/** The key every end-to-end test uses: distinctive, so a scan for it cannot match by accident. */
export const TEST_KEY = "sk_test_e2e_5f3c9a7d1b2e4f60";

export interface TestAsset {
  id: string;
  prompt: string;
  output: string;
  params?: Record<string, string | number | boolean>;
  type?: "image" | "audio" | "video";
}

/** A manifest with small images, so a test renders dozens of assets in well under a second. */
export function manifestYaml(assets: readonly TestAsset[]): string {
  const lines = [
    "version: 1",
    "defaults:",
    "  type: image",
    "  model: flux-1.1-pro",
    "  params: { width: 48, height: 32 }",
    "assets:",
  ];
  for (const a of assets) {
    lines.push(`  - id: ${JSON.stringify(a.id)}`);
    lines.push(`    prompt: ${JSON.stringify(a.prompt)}`);
    lines.push(`    output: ${JSON.stringify(a.output)}`);
    if (a.type) lines.push(`    type: ${a.type}`);
    if (a.params) lines.push(`    params: ${JSON.stringify(a.params)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function someAssets(n: number, prefix = "asset"): TestAsset[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    prompt: `Test picture number ${i} of ${prefix}, a red square`,
    output: `public/${prefix}/${i}.png`,
  }));
}

/**
 * A real temporary repository (a `.git` folder marks its root) holding a manifest; removed after
 * the test, or sooner by `remove()`.
 */
export class TestRepo {
  private constructor(readonly dir: string) {}

  static async create(assets: readonly TestAsset[]): Promise<TestRepo> {
    const dir = await tempDir("af-e2e-");
    await mkdir(join(dir, ".git"));
    const repo = new TestRepo(dir);
    await repo.writeManifest(assets);
    return repo;
  }

  get manifestPath(): string {
    return join(this.dir, "agentframer.yml");
  }

  async writeManifest(assets: readonly TestAsset[]): Promise<void> {
    await writeFile(this.manifestPath, manifestYaml(assets));
  }

  path(relative: string): string {
    return join(this.dir, relative);
  }

  async write(relative: string, data: string | Buffer): Promise<void> {
    await mkdir(dirname(this.path(relative)), { recursive: true });
    await writeFile(this.path(relative), data);
  }

  async sha256(relative: string): Promise<string> {
    return createHash("sha256")
      .update(await readFile(this.path(relative)))
      .digest("hex");
  }

  async exists(relative: string): Promise<boolean> {
    return stat(this.path(relative)).then(
      () => true,
      () => false,
    );
  }

  async lock(): Promise<Lockfile> {
    return JSON.parse(await readFile(this.path("agentframer.lock"), "utf8")) as Lockfile;
  }

  async writeLock(lock: Lockfile): Promise<void> {
    await writeFile(this.path("agentframer.lock"), `${JSON.stringify(lock, null, 2)}\n`);
  }

  /** Every file under the repository, relative, for leak scans and leftover checks. */
  async files(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      for (const entry of await readdir(this.path(rel), { withFileTypes: true })) {
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(child);
        else out.push(child);
      }
    };
    await walk("");
    return out.sort();
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  config(overrides: Partial<RenderConfig> = {}): RenderConfig {
    return {
      manifestPath: this.manifestPath,
      apiUrl: "http://127.0.0.1:9/v1",
      apiKey: TEST_KEY,
      emulator: true,
      concurrency: 4,
      only: undefined,
      force: false,
      maxJobs: undefined,
      shard: undefined,
      ...overrides,
    };
  }
}

/** A reporter that keeps every event, for assertions on what a person would have been told. */
export function recordingReporter(): ProgressReporter & { events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return {
    events,
    emit: (event) => events.push(event),
    close() {},
  };
}

/** A stream that keeps what is written to it. */
export function captureStream(): Writable & { text(): string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return Object.assign(stream, { text: () => text });
}
