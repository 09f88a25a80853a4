import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { SESSION_COOKIE, validateSession, type SessionUser } from "./session";

/** The signed-in user of this request (server components), or null. One lookup per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const check = await validateSession(await getDb(), token);
  return check.ok ? check.session.user : null;
});

/** For signed-in screens: the user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
