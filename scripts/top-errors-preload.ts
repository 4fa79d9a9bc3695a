// `node --import ./scripts/top-errors-preload.ts scripts/x.ts` (kubecuke's own npm scripts):
// bad input that escapes the script prints one line and exits 2 (scripts/top-errors.ts).
import { inheritedEnv } from "../engine/settings/env.ts";
import { exitCleanlyOnBadInput, npmCommand } from "./top-errors.ts";

exitCleanlyOnBadInput(npmCommand(inheritedEnv()));
