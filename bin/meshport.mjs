#!/usr/bin/env node
// The meshport CLI (cli/meshport.ts), loaded through tsx so it shares the portal's spec parser and diff.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../cli/meshport.ts", {
  parentURL: import.meta.url,
  tsconfig: new URL("../tsconfig.json", import.meta.url).pathname,
});
process.exitCode = await main(process.argv.slice(2));
