import { vi } from "vitest";
import { resetEnvForTests } from "@/server/env";

/** Sets environment variables for this test (undone by `restoreEnv` in afterEach) and re-reads server/env.ts. */
export function configureEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvForTests();
}

/** Puts the environment back as it was before configureEnv. */
export function restoreEnv(): void {
  vi.unstubAllEnvs();
  resetEnvForTests();
}
