// How a message names a kubecuke command for the reader: `npx kubecuke run` in a team's project
// (an installed package), `npm run scenarios` in kubecuke's own checkout (its sources, or the
// build of them its runs use: CHECKOUT). A team's project made by `kubecuke init` has no `npm run scenarios`, `cluster:*` or
// `images:load` scripts, and its `npm test` is `kubecuke run`, not kubecuke's self-test.
import { CHECKOUT } from "./package-paths.ts";

export type Command = "run" | "cluster up" | "cluster down" | "cluster status" | "images load" | "report" | "doctor" | "docs";

/** kubecuke's own npm scripts, by command. */
const OWN: Record<Command, string> = {
  run: "npm run scenarios",
  "cluster up": "npm run cluster:up",
  "cluster down": "npm run cluster:down",
  "cluster status": "npm run cluster:status",
  "images load": "npm run images:load",
  report: "npm run report",
  doctor: "npm run doctor",
  docs: "npm run docs",
};

/**
 * The command as the reader types it here, with `args` after it: `npx kubecuke run --tags @x`,
 * or `npm run scenarios -- --tags @x` (npm passes arguments on after `--`).
 */
export function commandText(command: Command, args = "", own = CHECKOUT): string {
  const base = own ? OWN[command] : `npx kubecuke ${command}`;
  if (!args) return base;
  return own ? `${base} -- ${args}` : `${base} ${args}`;
}
