// Loaded first by cucumber.mjs: lets Cucumber (and its parallel workers) import TypeScript.
import { register } from "tsx/esm/api";

register();
