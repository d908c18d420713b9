/**
 * The action's core, phase by phase: read inputs, plan, decide whether this run may spend
 * anything, restore the cache, render, save the cache, publish, report. Every side effect comes
 * in through ActionDeps, so tests drive it with a recorder host, a fake engine and real git.
 */
import { relative, resolve } from "node:path";
import { annotateAssets, annotationFile } from "./annotate.js";
import { credentialsIn } from "../net/leaked-key.js";
import { formatProblem, ManifestError } from "../manifest/errors.js";
import type { Plan } from "../plan/types.js";
import type { RenderResult } from "../render/result.js";
import { buildReport, type Report } from "../publish/report.js";
import { renderProblemsSummary, renderSummary } from "../publish/summary.js";
import { basePrompts } from "./base-prompts.js";
import { Inputs, START_MARKER, STORE_WRITE_DOCS_URL } from "./constants.js";
import { readRunContext, type RunContext } from "./context.js";
import type { ActionDeps } from "./deps.js";
import { readSettings, type ActionSettings } from "./inputs.js";
import { planOnlyResult, setRunOutputs } from "./outputs.js";
import { planOnlyReason } from "./plan-only.js";
import { changedFiles, publish, type Published } from "./publish-step.js";
import { restoreCache, saveCache } from "./cache-step.js";
import { runLockMerge } from "./lock-merge-step.js";
import { openActionStore } from "./open-store.js";
import { pullRequestForRun, UntrustedRunError } from "./workflow-run-pr.js";

export async function runAction(deps: ActionDeps): Promise<void> {
  const { host, env } = deps;
  host.info(START_MARKER);
  // Masked before anything else reads it, so no later failure can print it unmasked.
  const rawKey = host.getInput(Inputs.ApiKey).trim();
  if (rawKey !== "") host.setSecret(rawKey);
  // The other credentials a run holds (the github-token, AWS keys for an s3 store): servers
  // may echo them, encoded; the host scrubs every spelling of each from what it prints.
  for (const secret of [host.getInput(Inputs.GithubToken).trim(), ...credentialsIn(env)]) {
    if (secret.length >= 4 && secret !== rawKey) host.setSecret(secret);
  }

  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const settings = readSettings((name) => host.getInput(name), workspace);
  const eventContext = readRunContext(env);
  if (settings.lockMerge.length > 0) return runLockMerge(deps, settings, eventContext);

  const plan = await host.group("Plan", () => planOrAnnotate(deps, settings));
  if (plan === undefined) return;
  host.info(planLine(plan));

  let context: RunContext;
  try {
    context = await withTriggeringPull(deps, settings, eventContext);
  } catch (error) {
    if (!(error instanceof UntrustedRunError)) throw error;
    const message = `agentframer render refused this workflow_run: ${error.message}`;
    setRunOutputs(host, { result: planOnlyResult(plan, message), changedFiles: [] });
    await host.appendSummary(
      renderSummary(report(settings, eventContext, plan, undefined), { notes: [message] }),
    );
    host.setFailed(message);
    return;
  }

  const onlyPlan = planOnlyReason(settings, context);
  if (onlyPlan !== undefined) {
    if (onlyPlan.level === "warning") host.warning(onlyPlan.message);
    else host.notice(onlyPlan.message);
    const result = planOnlyResult(plan, onlyPlan.message);
    setRunOutputs(host, { result, changedFiles: [] });
    await host.appendSummary(
      renderSummary(report(settings, context, plan, undefined), { notes: [onlyPlan.message] }),
    );
    return;
  }

  const restored = settings.cache
    ? await host.group("Restore cache", () => restoreCache(deps, settings))
    : undefined;
  const store = await openActionStore(deps, settings, context);
  let result: RenderResult;
  try {
    result = await host.group("Render", () => deps.engine.render(settings.config, store));
  } finally {
    // Also after a render that threw (a lockfile it could not write): what it did render and
    // cache is paid for, and the next run should restore it rather than render it again.
    if (restored !== undefined) {
      await host.group("Save cache", () => saveCache(deps, settings, restored));
    }
  }

  if (result.store?.refused === "s3") {
    // The credentials' rights are set outside the workflow: the annotation says where.
    host.warning(
      `the store (${result.store.label}) refused this run's upload (403), so its renders are not ` +
        "kept there: nothing for a later run to reuse. Allow `s3:PutObject` on the store's bucket " +
        `and prefix for the credentials in AWS_ACCESS_KEY_ID (${STORE_WRITE_DOCS_URL})`,
    );
  } else if (result.store?.refused) {
    // An annotation, not only a log line: a job without contents: write is a workflow to fix.
    host.warning(
      `the store (${result.store.label}) refused this run's push, so its renders are not kept ` +
        "there: no previews, and nothing for a later run to reuse. Give the job " +
        `\`permissions: contents: write\` (${STORE_WRITE_DOCS_URL})`,
    );
  }
  annotateAssets(host, settings.workspace, plan, result);
  const changed = await changedFiles(deps, settings, result);
  const previousPrompts = await basePrompts(
    deps.git(settings.workspace),
    context.beforeSha,
    settings.manifest,
    plan,
  );
  const fullReport = report(settings, context, plan, result, previousPrompts);
  let published: Published = {};
  let publishError: unknown;
  try {
    published = await host.group("Publish", () =>
      publish(deps, settings, context, fullReport, changed),
    );
  } catch (error) {
    publishError = error;
  }

  setRunOutputs(host, { result, changedFiles: changed.files, ...published });
  await host.appendSummary(renderSummary(fullReport, { links: published.links }));

  if (publishError !== undefined) throw publishError;
  if (result.stopped !== undefined) {
    host.setFailed(`agentframer render stopped early: ${result.stopped}`);
  } else if (result.counts.failed > 0 && settings.publish.failOnError) {
    host.setFailed(
      `${result.counts.failed} asset${result.counts.failed === 1 ? "" : "s"} failed to render ` +
        "(see the job summary); set fail-on-error: false to keep the job green",
    );
  }
}

/**
 * On a workflow_run that is to comment (the privileged half of the fork-safe pattern), the run's
 * context with the pull request the triggering run was for, found and checked through the API;
 * throws UntrustedRunError, before anything is spent, when that cannot be proven.
 */
async function withTriggeringPull(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
): Promise<RunContext> {
  const { mode, pullRequest: requested, githubToken } = settings.publish;
  const run = context.triggeringRun;
  const commenting = mode === "comment" || mode === "auto";
  const wantsPull = run?.event.startsWith("pull_request") === true || requested !== undefined;
  if (context.eventName !== "workflow_run" || !commenting || !wantsPull) return context;
  if (run === undefined) {
    throw new UntrustedRunError("the workflow_run event payload is missing; nothing to render");
  }
  if (githubToken === undefined) {
    throw new UntrustedRunError("finding the pull request needs a token: github-token is empty");
  }
  const checkedOut = await deps
    .git(settings.workspace)(["rev-parse", "HEAD"])
    .then((out) => out.trim())
    .catch(() => undefined);
  const lookup = await deps.pullLookup(githubToken, { owner: context.owner, repo: context.repo });
  const pullRequest = await pullRequestForRun(run, checkedOut, requested, lookup);
  deps.host.info(
    `workflow_run: ${run.headRepo}:${run.headBranch} at ${run.headSha} is the head of PR #${pullRequest.number}`,
  );
  return { ...context, pullRequest, beforeSha: pullRequest.baseSha || context.beforeSha };
}

/** The plan, or undefined after reporting a bad manifest as annotations and a summary. */
async function planOrAnnotate(
  deps: ActionDeps,
  settings: ActionSettings,
): Promise<Plan | undefined> {
  try {
    return await deps.engine.plan(settings.config);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    for (const problem of error.problems) {
      deps.host.error(problem.message, {
        title: "agentframer manifest",
        file: annotationFile(settings.workspace, problem.file),
        startLine: problem.line,
        startColumn: problem.col,
      });
    }
    const count = error.problems.length;
    const title = `The manifest has ${count} problem${count === 1 ? "" : "s"}; nothing was submitted.`;
    const lines = error.problems.map((p) =>
      formatProblem({ ...p, file: relative(settings.workspace, p.file) }),
    );
    await deps.host.appendSummary(renderProblemsSummary(settings.manifest, title, lines));
    deps.host.setFailed(title);
    return undefined;
  }
}

function report(
  settings: ActionSettings,
  context: RunContext,
  plan: Plan,
  result: RenderResult | undefined,
  previousPrompts?: ReadonlyMap<string, string>,
): Report {
  return buildReport({
    manifest: settings.manifest,
    plan,
    result,
    previousPrompts,
    pullRequest: (settings.publish.pullRequest ?? context.pullRequest?.number) !== undefined,
    workspace: settings.workspace,
    links: {
      serverUrl: context.serverUrl,
      owner: context.owner,
      repo: context.repo,
      beforeSha: context.beforeSha,
      storeDocsUrl: STORE_WRITE_DOCS_URL,
      ...(context.headSha ? { headSha: context.headSha } : {}),
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    },
  });
}

function planLine(plan: Plan): string {
  const parts = Object.entries(plan.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return `plan: ${parts.join(", ") || "no assets"}`;
}
