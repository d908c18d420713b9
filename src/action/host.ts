/**
 * Everything the action does to the runner (logs, annotations, outputs, the summary, the exit
 * status) goes through this one interface. The real one is @actions/core; tests pass a recorder,
 * so the orchestration can be driven without a runner or module mocks.
 */
import { redactSecrets } from "../net/leaked-key.js";
import { neutralizeOutsideText } from "../util/outside-text.js";

export interface AnnotationAt {
  file?: string;
  startLine?: number;
  startColumn?: number;
  title?: string;
}

export interface ActionHost {
  getInput(name: string): string;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, at?: AnnotationAt): void;
  error(message: string, at?: AnnotationAt): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Tells the runner to mask `value` in every later log line. */
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

export async function coreHost(): Promise<ActionHost> {
  const core = await import("@actions/core");
  /** What setSecret was given: every text below is scrubbed of it in any encoding. */
  const secrets: string[] = [];
  const safe = (text: string): string => redactSecrets(text, secrets);
  // Every message may quote a server (an error it sent, git's stderr): none may start a
  // workflow command, whichever of these prints it, and none may carry a credential.
  const line = (text: string): string => neutralizeOutsideText(safe(text));
  return {
    getInput: (name) => core.getInput(name),
    info: (message) => core.info(line(message)),
    notice: (message) => core.notice(line(message)),
    warning: (message, at) => core.warning(line(message), at),
    error: (message, at) => core.error(line(message), at),
    group: (name, fn) => core.group(name, fn),
    setSecret: (value) => {
      core.setSecret(value);
      if (value.length >= 4 && !secrets.includes(value)) secrets.push(value);
    },
    setOutput: (name, value) => core.setOutput(name, safe(value)),
    // Without GITHUB_STEP_SUMMARY (a local run) there is nowhere to write; that is not an error.
    appendSummary: async (markdown) => {
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(safe(markdown), true).write();
    },
    setFailed: (message) => core.setFailed(line(message)),
  };
}
