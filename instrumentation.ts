/**
 * Runs once when the server starts (Next.js instrumentation hook): the environment is validated here, so a bad
 * value (e.g. the retired TRUST_PROXY=1) stops the server with server/env.ts's message. why exit: Next.js only logs
 * an error thrown here and then fails every request with it, leaving a server that looks alive to a supervisor.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/server/env");
  try {
    env();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
