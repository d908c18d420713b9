/**
 * One sticky comment per pull request and manifest: found by a hidden marker on its first line,
 * edited in place on every run, created only when none exists. Two manifests in one repository
 * get two comments; one manifest never gets a second.
 */
export interface IssueComment {
  id: number;
  body: string;
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
}

/**
 * Creates or edits the comment whose body starts with `marker` (a quote of it in a reply starts
 * with "> " and is left alone). `body` must already start with the marker, so the next run finds
 * it. If an earlier race left two, the oldest is kept up to date; the other is left for a human.
 */
export async function upsertStickyComment(
  api: CommentApi,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<StickyResult> {
  if (!body.startsWith(marker)) throw new Error("sticky comment body must start with its marker");
  for await (const comment of api.listComments(issueNumber)) {
    if (comment.body.startsWith(marker)) {
      const updated = await api.updateComment(comment.id, body);
      return { id: updated.id, action: "updated" };
    }
  }
  const created = await api.createComment(issueNumber, body);
  return { id: created.id, action: "created" };
}
