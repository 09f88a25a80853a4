import { existsSync } from "node:fs";
import { CHROMIUM } from "./browser";

/**
 * e2e needs Debian's Chromium. Where it is missing the suite is skipped with a loud warning,
 * unless REQUIRE_E2E=1 (CI), where a missing browser fails the run.
 */
export function e2eAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_E2E === "1") throw new Error(`REQUIRE_E2E=1 but no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  console.warn(`\n*** e2e SKIPPED: no Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium ***\n`);
  return false;
}
