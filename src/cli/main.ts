#!/usr/bin/env node
// The `memwire` command (package.json's bin). Each command resolves with its exit code.
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), process.env);
// Exit even if an idle keep-alive socket would hold the process open, once stderr has written
// what it holds (on a pipe, an exit could cut it short).
process.stderr.write('', () => process.exit(code));
