#!/usr/bin/env node
// Vendors the graph page's and the API manual's browser libraries into api/static/vendor/ (no CDN at run time).
//
//   node ui/build.mjs            # from anywhere; what `make install` runs
//
// Idempotent and fast when done: the copied files carry a stamp (the SHA-256 of
// ui/package-lock.json); when the stamp matches and every file is there, nothing runs.
// Otherwise `npm ci` installs the exact locked versions (no install scripts) into
// ui/node_modules and the files below are copied.

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = dirname(fileURLToPath(import.meta.url));
const vendor = join(ui, "..", "api", "static", "vendor");
const stampFile = join(vendor, ".stamp");

// package file → vendored name
const FILES = {
  // the graph page: cytoscape and the fcose layout (with the two libraries it builds on)
  "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
  "cytoscape/LICENSE": "cytoscape.LICENSE.txt",
  "layout-base/layout-base.js": "layout-base.js",
  "layout-base/LICENSE": "layout-base.LICENSE.txt",
  "cose-base/cose-base.js": "cose-base.js",
  "cose-base/LICENSE": "cose-base.LICENSE.txt",
  "cytoscape-fcose/cytoscape-fcose.js": "cytoscape-fcose.js",
  "cytoscape-fcose/LICENSE": "cytoscape-fcose.LICENSE.txt",
  // the API manual at /docs (Swagger UI) and /redoc (ReDoc)
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
  "swagger-ui-dist/LICENSE": "swagger-ui.LICENSE.txt",
  "swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt": "swagger-ui-bundle.js.LICENSE.txt",
  "swagger-ui-dist/NOTICE": "swagger-ui.NOTICE.txt",
  "redoc/bundles/redoc.standalone.js": "redoc.standalone.js",
  "redoc/bundles/redoc.standalone.js.LICENSE.txt": "redoc.standalone.js.LICENSE.txt",
  "redoc/LICENSE": "redoc.LICENSE.txt",
};

const lock = readFileSync(join(ui, "package-lock.json"));
const stamp = createHash("sha256").update(lock).digest("hex");
const done =
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8").trim() === stamp &&
  Object.values(FILES).every((name) => existsSync(join(vendor, name)));

if (done) {
  console.log("ui: vendored assets are up to date");
  process.exit(0);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
execFileSync(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
  cwd: ui,
  stdio: "inherit",
});
mkdirSync(vendor, { recursive: true });
for (const [source, name] of Object.entries(FILES)) {
  copyFileSync(join(ui, "node_modules", source), join(vendor, name));
}
writeFileSync(stampFile, stamp + "\n");
console.log(`ui: vendored ${Object.values(FILES).join(", ")} into api/static/vendor/`);
