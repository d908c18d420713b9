/** The real render engine behind the action's Engine interface, with its progress in the log. */
import { createReporter } from "../render/progress/progress.js";
import { planFor, render } from "../render/render.js";
import { redactSecrets } from "../net/leaked-key.js";
import { neutralizeOutsideText } from "../util/outside-text.js";
import type { Engine } from "./deps.js";
import { previewTools } from "../derive/preview/tools.js";
import { listenForStopSignals } from "../util/stop-signals.js";

/** What the log says on the first signal: the step is stopping, and how to stop it at once. */
const STOPPING_LINE =
  "agentframer: stopping — jobs in flight stay recorded for the next run to resume (another SIGINT or SIGTERM stops at once)";

/** `credentials`: the run's others (github-token, AWS keys), scrubbed from its lines in any encoding. */
export function renderEngine(
  apiKey: string | undefined,
  credentials: readonly string[] = [],
): Engine {
  const secrets = [...(apiKey ? [apiKey] : []), ...credentials];
  return {
    plan: async (config) => (await planFor(config)).plan,
    render: async (config, store) => {
      // One line per change (no live redraws in a log); the key is scrubbed as a last defence.
      const reporter = createReporter({
        stream: process.stdout,
        interactive: false,
        color: false,
        secrets: apiKey ? [apiKey] : [],
        // The runner takes a line starting with `::` for a command: server text must not be one.
        lastPass: (text) => neutralizeOutsideText(redactSecrets(text, secrets)),
      });
      // A cancelled workflow gets SIGINT, then SIGTERM a few seconds later: stop submitting and
      // leave jobs in flight in the journal, so the next run resumes them instead of paying twice.
      // If that stop hangs, the second signal ends the step at once (util/stop-signals.ts).
      const cancel = new AbortController();
      const stopListening = listenForStopSignals(() => {
        process.stdout.write(`${STOPPING_LINE}\n`);
        cancel.abort();
      });
      try {
        return await render(config, {
          reporter,
          signal: cancel.signal,
          ...(store ? { store: store.store, storeWrite: store.write } : {}),
          previews: previewTools(process.env),
        });
      } finally {
        stopListening();
        reporter.close();
      }
    },
  };
}
