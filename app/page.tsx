import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";

export default async function Root() {
  redirect((await getCurrentUser()) ? "/home" : "/login");
}
