import type { ReactNode } from "react";
import { AppShell } from "@/app/_ui/app-shell";
import { requireUser } from "@/server/auth/current-user";

export default async function OfficeLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
