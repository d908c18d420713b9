import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GIT_TEST_ENV } from "../../test/support/git-remote.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { keptEnv, storeGit } from "./store-git.js";

const TOKEN = "ghs_store_SECRET_1a2b3c4d";

describe("git for the store", () => {
  it("sends the token as a header to the server only, and never writes or prints it", async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(403).end("no");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const gitDir = join(await tempDir("af-gitp-"), "store.git");
      const git = storeGit({
        gitDir,
        env: { ...process.env, ...GIT_TEST_ENV, INPUT_API_KEY: "x" },
        auth: { token: TOKEN, serverUrl: origin },
      });
      await git.run(["init", "--quiet", "--bare", gitDir]);
      const error = await git.run(["ls-remote", `${origin}/octo/media.git`]).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).not.toContain(TOKEN);
      const basic = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
      expect(seen).toContain(`basic ${basic}`);
      expect(readFileSync(join(gitDir, "config"), "utf8")).not.toContain(basic);
    } finally {
      server.close();
    }
  });

  it("runs no hook and no credential helper that the store repository's own config names", async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      // 401 asks git for credentials: a helper from the repository's config would run now.
      res.writeHead(401, { "www-authenticate": 'Basic realm="x"' }).end("no");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = await tempDir("af-gitp-hooks-");
      const gitDir = join(dir, "store.git");
      const git = storeGit({ gitDir, env: { ...process.env, ...GIT_TEST_ENV } });
      await git.run(["init", "--quiet", "--bare", gitDir]);
      // What a planted repository would carry: a hook and a helper that write where they ran.
      const ran = join(dir, "ran");
      mkdirSync(join(gitDir, "hooks"), { recursive: true });
      for (const hook of ["pre-push", "reference-transaction", "post-update"]) {
        writeFileSync(join(gitDir, "hooks", hook), `#!/bin/sh\necho ${hook} >> "${ran}"\n`);
        chmodSync(join(gitDir, "hooks", hook), 0o755);
      }
      writeFileSync(
        join(gitDir, "config"),
        readFileSync(join(gitDir, "config"), "utf8") +
          `[credential]\n\thelper = "!echo helper >> '${ran}'; true"\n`,
      );
      const tree = (await git.run(["mktree"], { input: "" })).trim();
      const author = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@x", GIT_COMMITTER_NAME: "t" };
      const commit = (
        await git.run(["commit-tree", tree, "-m", "x"], {
          env: { ...author, GIT_COMMITTER_EMAIL: "t@x" },
        })
      ).trim();
      await git.run(["update-ref", "refs/heads/x", commit]);
      await git.run(["push", `${origin}/octo/media.git`, "refs/heads/x"]).catch(() => undefined);
      expect(existsSync(ran)).toBe(false);
      expect(seen.length).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it("keeps only what git needs of the environment: nothing that points it elsewhere or holds a secret", () => {
    const env = keptEnv({
      PATH: "/bin",
      GIT_DIR: "/elsewhere",
      GIT_SSH_COMMAND: "sh -c 'touch /tmp/x'",
      GIT_EXEC_PATH: "/elsewhere",
      GIT_TEMPLATE_DIR: "/elsewhere",
      INPUT_GITHUB_TOKEN: "t",
      GITHUB_TOKEN: "t",
      AGENTFRAMER_API_KEY: "k",
      GIT_CONFIG_PARAMETERS: "'http.extraheader=x'",
      HOME: "/home/u",
      HTTPS_PROXY: "http://proxy:3128",
    });
    expect(env).toEqual({ PATH: "/bin", HOME: "/home/u", HTTPS_PROXY: "http://proxy:3128" });
  });

  it("gives the token only to the commands that reach origin, never to a local one", async () => {
    const gitDir = join(await tempDir("af-gitp-local-"), "store.git");
    const git = storeGit({
      gitDir,
      env: { ...process.env, ...GIT_TEST_ENV },
      auth: { token: TOKEN, serverUrl: "https://github.com" },
    });
    await git.run(["init", "--quiet", "--bare", gitDir]);
    // What any local command (and every program it could start) sees of git's settings.
    const seen = await git.run(["config", "--list", "--show-scope"]);
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
    expect(seen).not.toContain(basic);
    expect(seen).not.toContain(TOKEN);
    expect(seen).toContain("command\tcore.hookspath=");
  });

  it("reads no global or system config: an insteadOf and an ssh command there never run", async () => {
    const home = await tempDir("af-gitp-home-");
    const ran = join(home, "ran");
    const gitDir = join(home, "store.git");
    const origin = join(home, "origin.git");
    writeFileSync(
      join(home, ".gitconfig"),
      `[core]\n\tsshCommand = "sh -c 'env > ${ran}; exit 1' --"\n` +
        `[url "ssh://127.0.0.1/planted"]\n\tinsteadOf = ${origin}\n`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    delete env.GIT_CONFIG_GLOBAL;
    delete env.GIT_CONFIG_NOSYSTEM;
    const git = storeGit({ gitDir, env, auth: { token: TOKEN, serverUrl: "https://github.com" } });
    await git.run(["init", "--quiet", "--bare", origin]);
    await git.run(["init", "--quiet", "--bare", gitDir]);
    await git.run(["ls-remote", origin]).catch(() => undefined);
    expect(existsSync(ran)).toBe(false);
  });

  it("ends a network command that hangs by its deadline, saying so", async () => {
    const server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const gitDir = join(await tempDir("af-gitp-hang-"), "store.git");
      const git = storeGit({
        gitDir,
        env: { ...process.env, ...GIT_TEST_ENV },
        networkTimeoutMs: 500,
      });
      await git.run(["init", "--quiet", "--bare", gitDir]);
      const error = await git.run(["ls-remote", `${origin}/octo/media.git`]).catch((e: Error) => e);
      expect(String(error)).toMatch(/did not finish within/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
