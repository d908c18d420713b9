/**
 * The one model the PR comment and the job summary are both drawn from: a row per asset joining
 * what the plan said (why it renders, what changed, the model) with what the render did (status,
 * result URL, duration, error). Pure: paths and links are worked out here, not in the renderers.
 */
import { isAbsolute, posix, relative, sep } from "node:path";
import type { AssetType, SourcePosition } from "../manifest/types.js";
import type { Plan, PlanStatus, RequestField } from "../plan/types.js";
import type { AssetOutcome, AssetResult, RenderResult } from "../render/result.js";
import type { StoreLocation, StoreRefuser } from "../store/store.js";
import { costHeadline } from "./cost.js";
import { encodePath, escapeInline, safeUrl } from "./markdown-escape.js";

export interface ReportRow {
  id: string;
  /** What happened to the asset; for a plan-only run, what would happen. */
  status: AssetOutcome | PlanStatus;
  /** Why it rendered (new, changed, missing, modified), when the plan knew. */
  reason?: PlanStatus;
  /** Output path relative to the repository root. */
  output: string;
  type?: AssetType;
  model?: string;
  prompt?: string;
  /** The prompt at the base commit, when it changed and could be read there. */
  previousPrompt?: string;
  changedFields?: RequestField[];
  /** The output's lasting preview: its bytes on the store branch (never an API result URL). */
  url?: string;
  /**
   * Where the asset is declared, to be fixed when it fails: the manifest, or for a row of an
   * `each:` file that file (repository-relative), its line, and a link to it at the head commit.
   */
  sourceFile?: string;
  sourceLine?: number;
  sourceUrl?: string;
  durationMs?: number;
  error?: string;
  /** The output as committed before this run, when the lock had a previous render. */
  beforeUrl?: string;
  /**
   * The previous render's review preview on the store branch, found by the lock's previous hash
   * and checked as the "After" previews are; its type and length. Absent: the full file is shown.
   */
  beforePreview?: {
    url: string;
    type: AssetType;
    width: number;
    height: number;
    bytes: number;
    durationSeconds?: number;
  };
  /**
   * The review preview on the store branch (a thumbnail, poster frame or waveform) with its size,
   * a video's or audio file's length, and why there is no preview when the run knows.
   */
  preview?: {
    url?: string;
    width?: number;
    height?: number;
    bytes?: number;
    durationSeconds?: number;
    note?: string;
  };
  /** What the job cost, as the API reported it. */
  credits?: number;
  /**
   * A render this run made or reused but could not keep in the store, so there is nothing to
   * show for it: whether the store refused the write (the job's permissions must change) or the
   * write failed (a re-run may do), and where the docs say so.
   */
  notStored?: { refused?: StoreRefuser; docsUrl?: string };
}

export interface Report {
  /** The manifest path relative to the repository root. */
  manifest: string;
  /** True when nothing was submitted (a fork PR, no key): rows are the plan. */
  planOnly: boolean;
  counts: Array<[label: string, count: number]>;
  rows: ReportRow[];
  /** Why the run stopped early, if it did. */
  stopped?: string;
  /** The commit the run rendered, short, with a link; and the workflow run's link. */
  head?: { sha: string; url: string };
  runUrl?: string;
  /** What the store did, in one trusted sentence for the reader, when there is something to say. */
  storeNote?: string;
  /**
   * The store refused this run's write: the next step is the job's permissions (git) or the
   * credentials' rights (s3), not a re-run.
   */
  storeRefused?: StoreRefuser;
  /** A pull request's run: the next step is a review and a merge. */
  pullRequest?: boolean;
  /** Every new render is in the store, so the merge commits these exact bytes with no job. */
  mergeKeepsRenders?: boolean;
  /** The run's cost in markdown (escaped): new renders and the credits they took. */
  cost?: string;
  /** What rendering the reused renders again would have cost (null: unknown), with `cost`. */
  notSpent?: number | null;
}

export interface ReportLinks {
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit to show "before" files from (the PR base, the push's previous head). */
  beforeSha: string | undefined;
  /** The commit this run rendered (a PR's head), for manifest-line links. */
  headSha?: string;
  /** The workflow run's page. */
  runUrl?: string;
  /** Where the docs say who may write the store, for a run that could not. */
  storeDocsUrl?: string;
}

export interface ReportInput {
  manifest: string;
  plan: Plan | undefined;
  result: RenderResult | undefined;
  links: ReportLinks | undefined;
  /** Prompts by asset id at the base commit (see action/base-prompts.ts), for prompt diffs. */
  previousPrompts?: ReadonlyMap<string, string>;
  /** A pull request's run: the comment may promise what the merge will commit. */
  pullRequest?: boolean;
  /** The repository's folder, to name where a failed asset is declared (FILE:LINE). */
  workspace?: string;
}

/** Statuses whose output existed and was recorded before, so a "before" is worth linking. */
const HAD_PREVIOUS: ReadonlySet<PlanStatus> = new Set(["changed", "missing", "modified"]);
/** Outcomes whose bytes the store should now hold: the renders a reviewer looks at. */
const KEPT: ReadonlySet<AssetOutcome> = new Set(["rendered", "restored"]);

export function buildReport({
  manifest,
  plan,
  result,
  links,
  previousPrompts,
  pullRequest = false,
  workspace,
}: ReportInput): Report {
  const dir = posix.dirname(manifest);
  const toRepoPath = (output: string) => (dir === "." ? output : posix.join(dir, output));
  const planById = new Map((plan?.entries ?? []).map((e) => [e.id, e]));
  const repoUrl = links ? `${links.serverUrl}/${links.owner}/${links.repo}` : undefined;
  const beforeUrl = (output: string) =>
    repoUrl && links?.beforeSha
      ? `${repoUrl}/blob/${links.beforeSha}/${encodePath(toRepoPath(output))}?raw=true`
      : undefined;
  // The store branch's bytes at one commit: this form also works in private repositories.
  const storedUrl = (stored: StoreLocation | undefined) =>
    repoUrl && stored
      ? `${repoUrl}/blob/${stored.commit}/${encodePath(stored.path)}?raw=true`
      : undefined;
  const previewOf = (asset: AssetResult): Pick<ReportRow, "preview"> => {
    const shown = asset.stored?.preview;
    const url = shown ? storedUrl({ commit: asset.stored!.commit, path: shown.path }) : undefined;
    const preview = {
      ...(url && shown ? { url, width: shown.width, height: shown.height, bytes: shown.size } : {}),
      ...asset.preview,
    };
    return Object.keys(preview).length > 0 ? { preview } : {};
  };
  const beforePreviewOf = (asset: AssetResult): Pick<ReportRow, "beforePreview"> => {
    const shown = asset.before?.stored.preview;
    const url = shown
      ? storedUrl({ commit: asset.before!.stored.commit, path: shown.path })
      : undefined;
    if (!url || !shown) return {};
    const { type, durationSeconds } = asset.before!;
    return {
      beforePreview: {
        url,
        type,
        width: shown.width,
        height: shown.height,
        bytes: shown.size,
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      },
    };
  };
  const source = (at: SourcePosition | undefined): Partial<ReportRow> => {
    if (at === undefined) return {};
    // An `each:` row is fixed in its data file; without the workspace, only the manifest is known.
    const file = workspace ? relative(workspace, at.file).split(sep).join("/") : manifest;
    const inside = file !== "" && !file.startsWith("../") && !isAbsolute(file);
    const sourceFile = inside ? file : manifest;
    return {
      sourceFile,
      sourceLine: at.line,
      ...(repoUrl && links?.headSha
        ? {
            sourceUrl: `${repoUrl}/blob/${links.headSha}/${encodePath(sourceFile)}#L${at.line}`,
          }
        : {}),
    };
  };
  const framing = {
    ...(links?.headSha && repoUrl
      ? { head: { sha: links.headSha.slice(0, 7), url: `${repoUrl}/commit/${links.headSha}` } }
      : {}),
    ...(links?.runUrl ? { runUrl: links.runUrl } : {}),
  };

  if (result === undefined) {
    const rows = (plan?.entries ?? []).map((entry): ReportRow => {
      const lockOutput = entry.lock?.output;
      return {
        id: entry.id,
        status: entry.status,
        reason: entry.status,
        output: toRepoPath(entry.output),
        type: entry.asset?.type,
        model: entry.asset?.model,
        prompt: entry.asset?.prompt,
        previousPrompt: previousPrompts?.get(entry.id),
        changedFields: entry.changedFields,
        beforeUrl: HAD_PREVIOUS.has(entry.status) && lockOutput ? beforeUrl(lockOutput) : undefined,
      };
    });
    const counts = Object.entries(plan?.counts ?? {}).filter(([, n]) => n > 0);
    return { manifest, planOnly: true, counts, rows, ...framing, pullRequest };
  }

  const storeFailed = result.store?.error !== undefined;
  const notStored = (asset: AssetResult): Pick<ReportRow, "notStored"> =>
    storeFailed && asset.stored === undefined && KEPT.has(asset.status)
      ? {
          notStored: {
            ...(result.store?.refused ? { refused: result.store.refused } : {}),
            ...(links?.storeDocsUrl ? { docsUrl: links.storeDocsUrl } : {}),
          },
        }
      : {};
  const rows = result.assets.map((asset): ReportRow => {
    const entry = planById.get(asset.id);
    const lockOutput = entry?.lock?.output;
    const hadPrevious = entry !== undefined && HAD_PREVIOUS.has(entry.status);
    return {
      id: asset.id,
      status: asset.status,
      reason: entry?.status,
      output: toRepoPath(asset.output),
      type: entry?.asset?.type,
      model: entry?.asset?.model,
      prompt: entry?.asset?.prompt,
      previousPrompt: previousPrompts?.get(asset.id),
      changedFields: entry?.changedFields,
      url: storedUrl(asset.stored),
      ...previewOf(asset),
      ...notStored(asset),
      ...source(entry?.asset?.source),
      durationMs: asset.durationMs,
      error: asset.error,
      beforeUrl: hadPrevious && lockOutput ? beforeUrl(lockOutput) : undefined,
      ...(hadPrevious ? beforePreviewOf(asset) : {}),
      ...(asset.credits === undefined ? {} : { credits: asset.credits }),
    };
  });
  const counts = Object.entries(result.counts).filter(
    ([label, n]) => n > 0 || label === "rendered" || label === "failed",
  );
  const storeNote = noteFor(result, links?.storeDocsUrl, pullRequest);
  const fresh = result.assets.filter((a) => a.status === "rendered" || a.status === "restored");
  return {
    manifest,
    planOnly: false,
    counts,
    rows,
    stopped: result.stopped,
    ...framing,
    ...(storeNote ? { storeNote } : {}),
    ...(result.store?.refused ? { storeRefused: result.store.refused } : {}),
    pullRequest,
    mergeKeepsRenders:
      result.store?.error === undefined &&
      fresh.length > 0 &&
      fresh.every((a) => a.stored !== undefined),
    ...(result.credits
      ? { cost: costHeadline(result.credits, result.counts), notSpent: result.credits.notSpent }
      : {}),
  };
}

/**
 * The header's note when the store was not written. Trusted words only: the server's text (why
 * it refused) is in the run's log, neutralised there, and never in the comment.
 */
function noteFor(
  result: RenderResult,
  docsUrl: string | undefined,
  pullRequest: boolean,
): string | undefined {
  const { store } = result;
  if (store?.error === undefined) return undefined;
  const label = escapeInline(store.label, 120);
  const docs = safeUrl(docsUrl);
  if (store.refused) {
    const lost = pullRequest
      ? "merging would render them again"
      : "another branch or run cannot reuse them";
    if (store.refused === "s3") {
      return (
        `⚠️ This run may not write to the store (${label}): S3 refused the upload (403), as it does for credentials without \`s3:PutObject\` on that bucket and prefix. ` +
        `So the renders below are not kept there, and ${lost}${docs ? ` ([what to change](${docs}))` : ""}.`
      );
    }
    return (
      `⚠️ This run may not write to the store (${label}): the push was refused, as it is for a job whose token may only read. ` +
      `So the renders below are not kept there: they have no preview here, and ${lost}` +
      `${docs ? ` ([what to change, and why it is safe](${docs}))` : ""}.`
    );
  }
  return `⚠️ The store (${label}) could not be written, so new renders have no lasting preview and the merge would render them again. Re-run this job to retry.`;
}
