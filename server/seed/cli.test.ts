import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * The README's demo command runs `npm run db:migrate` and `npm run db:seed` outside Next, under tsx with the
 * react-server condition: a module the seed imports that pulls React client bindings (the tRPC context's messages)
 * breaks it there while every in-process test still passes. This runs both commands as the README does.
 */
describe("npm run db:migrate && npm run db:seed (the README's demo set-up)", () => {
  it("migrates and seeds an empty embedded database and prints the demo logins", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tm-seed-cli-"));
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: path.join(dir, "pglite") };
    delete env.DATABASE_URL; // the embedded default, as on a fresh machine
    try {
      await run("npm", ["run", "--silent", "db:migrate"], { env, timeout: 240_000 });
      const { stdout } = await run("npm", ["run", "--silent", "db:seed"], { env, timeout: 240_000 });
      expect(stdout).toContain("Demo data seeded.");
      expect(stdout).toMatch(/keeper\s+keeper-demo1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
