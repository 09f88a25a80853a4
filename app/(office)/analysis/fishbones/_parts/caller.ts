import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";

/**
 * The app's procedures called from a server component with the request's own session (same authorisation as the
 * browser's calls): the report and fishbone screens print their tables and SVG charts on the server, no chart code
 * in the page.
 */
export async function serverCaller() {
  const db = await getDb();
  const req = new Request("http://server.internal/", { headers: new Headers(await headers()) });
  return createCaller(await createContext({ db, req, resHeaders: new Headers() }));
}

/** A call that may be refused (not found, forbidden): its answer, or null. */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}
