// What a command does with an error that reached its top. Bad input (a wrong setting such as
// KUBECUKE_PROVIDER=minikube, KUBECUKE_TIMEOUT_SCALE=abc, KUBECUKE_KUBECONFIG without a
// provider) is the user's to fix: one line `kubecuke run: <message>` and exit code 2, as for a
// bad flag. Anything else keeps its stack (Node's own report, exit 1): it may be a kubecuke bug.
// Used by scripts/cli.ts (`kubecuke <command>`) and, through --import, by the npm scripts of
// kubecuke's own repository (`npm run scenarios`, `npm run cluster:status`, …), whose scripts
// are top-level modules that cannot be wrapped in a try.
import { describeError, KubecukeError } from "../engine/errors.ts";

export const BAD_INPUT_EXIT_CODE = 2;

/** A KubecukeError of category bad input. */
export function isBadInput(err: unknown): boolean {
  return err instanceof KubecukeError && err.category === "bad-input";
}

/** The one line a command prints for bad input, or undefined for an error whose stack must show. */
export function badInputLine(command: string, err: unknown): string | undefined {
  return isBadInput(err) ? `${command}: ${describeError(err)}` : undefined;
}

/** `kubecuke run`, `kubecuke cluster status`, `kubecuke images load`: the words that name a CLI command. */
export function cliCommand(argv: string[]): string {
  const [command, sub] = argv;
  const words = (command === "cluster" || command === "images") && sub && !sub.startsWith("-") ? [command, sub] : command ? [command] : [];
  return ["kubecuke", ...words].join(" ");
}

/** The command's name for an npm script of kubecuke's own repository, e.g. `npm run scenarios`. */
export function npmCommand(env: NodeJS.ProcessEnv): string {
  return env.npm_lifecycle_event ? `npm run ${env.npm_lifecycle_event}` : "kubecuke";
}

/**
 * For a script that is the process's entry point: bad input that escapes it (a rejected top-level
 * await) prints its line and exits 2; any other error is printed as Node would and exits 1.
 */
export function exitCleanlyOnBadInput(command: string): void {
  process.on("uncaughtException", (err) => {
    const line = badInputLine(command, err);
    // Node's default after an uncaught error is to exit at once: so do we, with the right code
    console.error(line ?? err);
    process.exit(line ? BAD_INPUT_EXIT_CODE : 1);
  });
}
