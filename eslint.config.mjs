// ESLint (flat config): typescript-eslint, React's hooks and compiler rules, drizzle's where-clause guards and the
// layer arrows of DESIGN.md §2. Why these and not others: docs/decisions/0030-lint-and-format.md.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/** A folder of ours, matched from the repository root (not anywhere in a path, the plugin's default). */
const layer = (type, pattern, extra = {}) => ({ type, pattern, partialMatch: false, ...extra });

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**"];

export default defineConfig([
  globalIgnores([
    ".next/**",
    "out/**",
    "node_modules/**",
    "data/**",
    "bench/results/**",
    "tests/.artifacts/**",
    "public/**", // sw.js, swe-worker-*.js, zxing/ and scanner/ are built or copied by scripts, not written by us
    "next-env.d.ts",
    "db/migrations/**",
  ]),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  reactHooks.configs.flat.recommended,

  {
    name: "tracemark/languages",
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error", reportUnusedInlineConfigs: "error" },
  },
  {
    // Build scripts and configs in plain JavaScript are outside tsconfig (allowJs is off): no type information.
    name: "tracemark/javascript",
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: "tracemark/commonjs",
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    name: "tracemark/typescript",
    files: ["**/*.{ts,tsx,mts}"],
    rules: {
      // `_`-prefixed names are the house way to say "deliberately unused" (a destructured field left out, a callback's slot).
      // tsconfig's noUncheckedIndexedAccess types every `a[i]` and `m[1]` as possibly undefined; `!` right after the code
      // has checked the length or the match is the house idiom (580 of them). A runtime check in each place would test
      // what the line above already knows; TypeScript still flags a `!` on what can never be undefined (no-extra-non-null-assertion).
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers in messages and keys (`${count} items`) are fine; an object, undefined or null in a template is the bug.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(false)}` returns setOpen's void: the arrow shorthand is how React handlers are written.
      // Off: the DOM and Node typings declare APIs that the phones we serve may lack (navigator.vibrate on iOS Safari,
      // mediaDevices on an insecure origin, storage.persist…), and stored or received rows may be older than their types.
      // This rule asks to delete exactly those checks (about 110 today), which would turn a missing API into a crash.
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },

  {
    // DESIGN.md §9.8: a delete or update without .where() empties or rewrites a whole table. Our drizzle handles are
    // named db (the pool), tx (a transaction) and owner (the table owner's connection in tests/helpers/db.ts).
    name: "tracemark/drizzle",
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "owner"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "owner"] }],
    },
  },

  {
    // DESIGN.md §2 "Module shape": the layer arrows. Everything not named here is allowed.
    name: "tracemark/layers",
    files: ["**/*.{ts,tsx,mts,js,mjs,cjs}"],
    plugins: { boundaries },
    settings: {
      // `@/…` is tsconfig's alias for the repository root; this resolver maps it so the rules see the file imported.
      "import/resolver": { "./scripts/eslint-resolver.cjs": {} },
      "boundaries/root-path": import.meta.dirname,
      "boundaries/elements": [
        layer("domain", "domain"),
        layer("db", "db"),
        layer("server", "server"),
        layer("client", "client"),
        layer("ui", "app/_ui"),
        // a route group, "(field)", "(office)"…; captured to tell one group's _parts from another's
        layer("group", "app/\\(*\\)", { capture: ["group"] }),
        layer("app", "app"),
        layer("messages", "messages"),
        layer("tests", "tests"),
        layer("scripts", "scripts"),
        layer("bench", "bench"),
      ],
      // one category a file, the first that matches: a route group's private part, a test, or other code
      "boundaries/files-single-match": true,
      "boundaries/files": [
        { category: "parts", pattern: "app/**/_parts/**" },
        { category: "test", pattern: TESTS },
        { category: "code", pattern: "**" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          checkAllOrigins: true,
          checkUnknownLocals: true,
          policies: [
            {
              // domain/ is shared by the phone and the server: it imports nothing of ours but domain/. Its tests may reach
              // further (the message-catalogue parity test reads messages/): they are not shipped to either side.
              from: { element: { type: "domain" }, file: { categories: "code" } },
              disallow: { to: { module: { origin: "local" } } },
              message: "domain/ imports nothing of ours but domain/ (DESIGN.md §2)",
            },
            {
              from: { element: { type: "domain" }, file: { categories: "code" } },
              disallow: [
                { to: { module: { origin: "core" } } },
                { to: { module: { source: ["react", "react-dom", "next", "drizzle-orm", "server-only", "postgres", "@electric-sql/pglite"] } } },
              ],
              message: "domain/ is universal: no Node, React, Next or drizzle (DESIGN.md §2)",
            },
            { from: { element: { type: "domain" } }, allow: { to: { element: { type: "domain" } } } },
            {
              from: { element: { type: "client" } },
              disallow: { to: { element: { type: "server" } } },
              message: "client/ never imports server/, except `import type { AppRouter }` (DESIGN.md §2)",
            },
            {
              from: { element: { type: "client" } },
              allow: { to: { element: { type: "server" }, file: { path: "server/root.ts" } }, dependency: { kind: "type", specifiers: "AppRouter" } },
            },
            {
              // …and nothing beside it in the same statement (`import type { AppRouter, X }` would pass the line above)
              from: { element: { type: "client" } },
              disallow: { to: { element: { type: "server" } }, dependency: { specifiers: "!AppRouter" } },
              message: "client/ never imports server/, except `import type { AppRouter }` (DESIGN.md §2)",
            },
            {
              from: { element: { type: "db" } },
              disallow: { to: { element: { type: "server" } } },
              message: "db/ never imports server/ (DESIGN.md §2)",
            },
            {
              from: { element: { type: "ui" } },
              disallow: { to: { element: { type: "group" } } },
              message: "app/_ui is shared by every route group and imports none of them",
            },
            {
              from: { element: { type: ["ui", "group", "app"] } },
              disallow: { to: { element: { type: "group" }, file: { categories: "parts" } } },
              message: "a route group's _parts are its own: share through app/_ui",
            },
            {
              from: { element: { type: "group" } },
              allow: { to: { element: { type: "group", captured: { group: "{{ from.element.captured.group }}" } }, file: { categories: "parts" } } },
            },
          ],
        },
      ],
    },
  },

  // Last: turns off every stylistic rule that Prettier owns.
  prettier,
]);
