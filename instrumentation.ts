/**
 * Runs once when the server starts (Next.js instrumentation hook): the environment is validated here, so a bad
 * value (e.g. the retired TRUST_PROXY=1) stops `next start` with server/env.ts's message instead of failing the
 * first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/server/env");
  env();
}
