import "server-only";

/**
 * The job runner's public API for domains (ADR 0029). Declare with defineJob in `server/<domain>/jobs.ts`, list the
 * domain once in server/jobs/list.ts, send inside the write transaction that decides it.
 */
export { defineJob, type TJobDef, type TJobRun, type TJobRetry } from "./define";
export { sendJob, cancelJob, scheduleJob, unscheduleJob, previewSchedule, type TSendOptions } from "./send";
