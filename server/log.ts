import "server-only";
import { currentRequest } from "./observability/request-context";

/**
 * Structured one-line logs (stdout, JSON), so operations can grep and ship them. A line written while serving a
 * request carries its `requestId` (server/observability/request-context.ts); docs/operations/observability.md.
 * Never log passwords, session tokens, signatures or customer phone numbers.
 */
export function logEvent(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}) {
  const requestId = currentRequest()?.requestId;
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...(requestId ? { requestId } : {}), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else if (process.env.NODE_ENV !== "test") console.log(line);
}
