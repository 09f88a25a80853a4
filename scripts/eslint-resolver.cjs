/**
 * Import resolver for ESLint (eslint-module-utils interface v2), used by eslint-plugin-boundaries to know which file
 * an import names. It maps tsconfig's one path alias, `@/*` → `./*`, then resolves like Node with TypeScript's
 * extensions, through the node resolver the boundaries plugin already depends on. Without it every `@/…` import
 * (most of ours) would look like an npm package and no layer rule would see it.
 */
const path = require("node:path");
const node = require("eslint-import-resolver-node");

const ROOT = path.resolve(__dirname, "..");
const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".mjs", ".js", ".cjs", ".json"];

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file) {
  const target = source.startsWith("@/") ? path.join(ROOT, source.slice(2)) : source;
  return node.resolve(target, file, { extensions: EXTENSIONS });
};
