import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import type { TestProjectInlineConfiguration } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Integration tests: routers called through createCaller against a real database (see tests/helpers/db.ts). */
const integration = (name: string, db: "pglite" | "postgres"): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name,
    include: ["server/**/*.test.ts"],
    environment: "node",
    // Per-minute limits are per user and per process-wide counters: tests that call an import, a PDF or a failed login
    // many times in a minute (how many depends on the machine's speed) would meet them. The limits have their own
    // tests (server/http/expensive.test.ts, server/auth/proxy.test.ts), which set them low themselves.
    env: {
      TEST_DB: db,
      IMPORT_MAX_PER_MINUTE: "100000",
      PDF_MAX_PER_MINUTE: "100000",
      AUDIT_VERIFY_MAX_PER_MINUTE: "100000",
      LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE: "100000",
      // the fuzz and property tests push thousands of batches a minute as one user
      PUSH_MAX_PER_MINUTE: "100000",
    },
    // why a global setup for PGlite: a fresh PGlite plus migrations costs ~2 s; loading a migrated template ~0.3 s.
    globalSetup: db === "pglite" ? ["tests/helpers/global-setup-pglite.ts"] : ["tests/helpers/global-setup-postgres.ts"],
    // PGlite start, argon2 hashing and the authorisation matrix are slow on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "unit",
      // client/: the phone's storage and read models, on fake-indexeddb (no DOM)
      include: ["domain/**/*.test.ts", "client/**/*.test.ts", "scripts/**/*.test.ts"],
      environment: "node",
      // A budget sized for a busy 2-core CI machine (4× slower than idle), not vitest's 5 s default: speed is
      // measured in bench/, never by a test. The heaviest tests (property runs, 20,000-row files) set 60 s themselves.
      testTimeout: 20_000,
    },
  },
  integration("integration", "pglite"),
  // A real PostgreSQL only when one is named: CI sets TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).
  ...(process.env.TEST_DATABASE_URL ? [integration("integration-pg", "postgres")] : []),
  {
    extends: true,
    test: {
      name: "e2e",
      include: ["tests/e2e/**/*.test.ts"],
      // names the run; drops the cluster databases it left (E2E_CLUSTER, tests/e2e/cluster.test.ts)
      globalSetup: ["tests/e2e/support/drop-cluster-databases.ts"],
      environment: "node",
      // a budget for a 2-core machine held by other work (issue 11 §6): a flow that takes ~40 s idle may take 4×
      testTimeout: 300_000,
      hookTimeout: 300_000,
      pool: "forks",
      fileParallelism: false,
      maxWorkers: 1,
    },
  },
];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside Next's react-server condition; in tests it has nothing to guard.
      { find: /^server-only$/, replacement: `${root}tests/helpers/server-only-stub.ts` },
    ],
  },
  test: {
    projects,
    maxWorkers: 2,
    // Expected security refusals log one JSON line each (server/log.ts); keep the test output readable.
    onConsoleLog(log) {
      if (log.includes('"event":"security.')) return false;
      return undefined;
    },
  },
});
