/** The real render engine behind the action's Engine interface, with its progress in the log. */
import { createReporter } from "../render/progress.js";
import { planFor, render } from "../render/render.js";
import type { Engine } from "./run.js";

export function renderEngine(apiKey: string | undefined): Engine {
  return {
    plan: async (config) => (await planFor(config)).plan,
    render: async (config) => {
      // One line per change (no live redraws in a log); the key is scrubbed as a last defence.
      const reporter = createReporter({
        stream: process.stdout,
        interactive: false,
        color: false,
        secrets: apiKey ? [apiKey] : [],
      });
      try {
        return await render(config, { reporter });
      } finally {
        reporter.close();
      }
    },
  };
}
