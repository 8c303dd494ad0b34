#!/usr/bin/env node
import { main } from './main.js';

// The entry point of the `switchyard` command: run, then exit with the command's code.
const exitCode = await main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
process.exitCode = exitCode;
// Everything was closed; should a library still hold a handle open, do not hang the shell.
setTimeout(() => process.exit(exitCode), 2_000).unref();
