// Starts @cucumber/language-server on stdio as its own bin does, except for where the tree-sitter
// grammars (*.wasm) are: the bin expects @cucumber/language-service nested inside its package, and
// npm hoists it to the top of node_modules. Usage: node test/editor/server.ts --stdio
import { createRequire } from "node:module";
import path from "node:path";

// The CommonJS build, as the bin uses: the ESM build imports "vscode-languageserver/node" without
// an extension, which only lenient loaders (tsx) resolve and Node's own ESM loader refuses.
const require = createRequire(import.meta.url);
const { NodeFiles } = require("@cucumber/language-server/node") as typeof import("@cucumber/language-server/node");
const { startStandaloneServer } = require("@cucumber/language-server/wasm") as typeof import("@cucumber/language-server/wasm");
// …/@cucumber/language-service/dist/cjs/src/index.js → …/dist, where the grammars are
const service = require.resolve("@cucumber/language-service", { paths: [require.resolve("@cucumber/language-server")] });
const wasmBasePath = path.resolve(path.dirname(service), "../..");
const { connection } = startStandaloneServer(wasmBasePath, (rootUri: string) => new NodeFiles(rootUri));
process.on("unhandledRejection", (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
