/**
 * One sticky comment per pull request and manifest: found by a hidden marker on its first line
 * and by its author (the token's own account), edited in place on every run, created only when
 * none exists. Two manifests in one repository get two comments; one manifest never gets a
 * second. Anyone can write a comment that starts with the marker: such a comment is left alone.
 */
import { isAccount, type GitHubAccount } from "./token-identity.js";

export interface IssueComment {
  id: number;
  body: string;
  /** The comment's `user`: who wrote it, and whether it is a bot. */
  author: { login: string; type: string };
}

/** The few GitHub calls the sticky comment needs; github-api.ts has the real one. */
export interface CommentApi {
  /** Every comment on the issue or PR, oldest first, across all pages. */
  listComments(issueNumber: number): AsyncIterable<IssueComment>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
}

/**
 * The hidden first line that identifies this manifest's comment. The path is the user's, so the
 * characters that could end the HTML comment early are percent-encoded.
 */
export function commentMarker(manifest: string): string {
  const safe = manifest.replace(/[<>%]|-(?=-)/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `<!-- agentframer-render: ${safe} -->`;
}

export interface StickyResult {
  id: number;
  action: "created" | "updated";
  /** Authors of comments that carry the marker but were not written by `owner`: left alone. */
  passedOver: string[];
}

/**
 * Creates or edits the comment that `owner` wrote and whose body starts with `marker` (a quote
 * of it in a reply starts with "> " and is left alone, as is any comment someone else wrote).
 * With no `owner` (the token's account could not be found) no comment is adopted. `body` must
 * already start with the marker, so the next run finds it. If an earlier race left two, the
 * oldest is kept up to date; the other is left for a human.
 */
export async function upsertStickyComment(
  api: CommentApi,
  issueNumber: number,
  marker: string,
  body: string,
  owner: GitHubAccount | undefined,
): Promise<StickyResult> {
  if (!body.startsWith(marker)) throw new Error("sticky comment body must start with its marker");
  const passedOver: string[] = [];
  for await (const comment of api.listComments(issueNumber)) {
    if (!comment.body.startsWith(marker)) continue;
    if (owner !== undefined && isAccount(owner, comment.author)) {
      const updated = await api.updateComment(comment.id, body);
      return { id: updated.id, action: "updated", passedOver };
    }
    passedOver.push(comment.author.login);
  }
  const created = await api.createComment(issueNumber, body);
  return { id: created.id, action: "created", passedOver };
}
