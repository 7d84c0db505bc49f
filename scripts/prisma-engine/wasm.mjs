// Loads @prisma/schema-engine-wasm on Node 20.
//
// The package entry (`schema_engine.js`) does `import * as wasm from "./schema_engine_bg.wasm"`, which Node
// cannot import, and the .wasm file is not listed in the package's `exports`. So we resolve the JS glue
// (`./schema_engine_bg`, which *is* exported), read the .wasm that sits next to it, and wire the two together
// by hand exactly like the generated entry would (gotcha 1 in scripts/prisma-engine/README.md).
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

let loaded;

/** @returns {Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")>} */
export function loadSchemaEngineWasm() {
  loaded ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import(pathToFileURL(bgPath).href);
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bg;
  })();
  return loaded;
}

/** The wasm package version, e.g. `7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3`. */
export function wasmPackageVersion() {
  // package.json is not in the package's `exports` either: read it from the glue's folder.
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
}

/** The prisma-engines commit the wasm was built from (what the native engine prints for `--version`). */
export function engineCommitHash() {
  const version = wasmPackageVersion();
  return version.split(".").pop() ?? version;
}
