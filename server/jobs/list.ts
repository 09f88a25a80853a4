import "server-only";
import type { TAnyJobDef } from "./define";

/**
 * Every job the app runs: one line per domain, each spreading that domain's `server/<domain>/jobs.ts` (like
 * server/root.ts composes routers). A job not listed here cannot be sent, and its queue is never worked.
 * No domain declares a job yet: reminders, loans due back and key-customer deadlines move here next (issue 12).
 */
export const JOBS: readonly TAnyJobDef[] = [
  // ...complaintJobs,
];
