import "server-only";
import { analysisJobs } from "@/server/analysis/jobs";
import { complaintJobs } from "@/server/complaints/jobs";
import { instrumentJobs } from "@/server/instruments/jobs";
import { propertyJobs } from "@/server/property/jobs";
import { qualityJobs } from "@/server/quality/jobs";
import { workOrderJobs } from "@/server/work-orders/jobs";
import type { TAnyJobDef } from "./define";

/**
 * Every job the app runs: one line per domain, each spreading that domain's `server/<domain>/jobs.ts` (like
 * server/root.ts composes routers). A job not listed here cannot be sent, and its queue is never worked.
 */
export const JOBS: readonly TAnyJobDef[] = [...instrumentJobs, ...workOrderJobs, ...complaintJobs, ...qualityJobs, ...propertyJobs, ...analysisJobs];
