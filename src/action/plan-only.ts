/**
 * When a run must plan and stop, spending nothing: a fork PR (GitHub withholds secrets and gives
 * a read-only token, so it could neither pay nor comment), no API key at all, or a push this
 * action made itself (the loop guard for PATs and app tokens, whose pushes do start workflows).
 */
import { COMMIT_TRAILER, FORK_DOCS_URL } from "./constants.js";
import type { RunContext } from "./context.js";
import type { ActionSettings } from "./inputs.js";

export interface PlanOnly {
  level: "warning" | "notice";
  message: string;
}

export function planOnlyReason(
  settings: ActionSettings,
  context: RunContext,
): PlanOnly | undefined {
  if (context.pullRequest?.fromFork) {
    return {
      level: "warning",
      message:
        "This pull request comes from a fork, and GitHub gives fork PRs no secrets and a " +
        "read-only token, so agentframer render only planned: nothing was submitted or spent. " +
        `To render previews for fork PRs, use the two-workflow pattern: ${FORK_DOCS_URL}`,
    };
  }
  if (settings.config.apiKey === undefined) {
    return {
      level: "warning",
      message:
        "No api-key input was given, so agentframer render only planned: nothing was submitted " +
        "or spent. Pass `api-key: ${{ secrets.AGENTFRAMER_API_KEY }}` to render " +
        `(on fork PRs the secret is withheld: ${FORK_DOCS_URL}).`,
    };
  }
  if (context.eventName === "push" && hasTrailer(context.headCommitMessage)) {
    return {
      level: "notice",
      message:
        "This push was committed by agentframer render itself, so this run only planned " +
        "(loop guard: pushes made with a PAT or app token start workflows).",
    };
  }
  return undefined;
}

function hasTrailer(message: string | undefined): boolean {
  return (
    message !== undefined && message.split("\n").some((line) => line.trim() === COMMIT_TRAILER)
  );
}
