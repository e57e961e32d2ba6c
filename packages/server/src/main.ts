#!/usr/bin/env node
// perf-language-server --stdio | --node-ipc | --socket=N: the transport comes from argv.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

const connection = createConnection(ProposedFeatures.all);
// The server keeps serving whatever one request does; the error goes to the client's log.
process.on("uncaughtException", (e) => connection.console.error(`perf: uncaught: ${e?.stack ?? e}`));
startServer(connection);
