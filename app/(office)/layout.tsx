import type { ReactNode } from "react";
import { AppShell } from "@/app/_ui/app-shell";
import { PageMessages } from "@/app/_ui/page-messages";
import { requireUser } from "@/server/auth/current-user";

export default async function OfficeLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // the office screens (desks, registers, administration) get every namespace, as before ADR 0036
  return (
    <PageMessages namespaces="all">
      <AppShell user={user}>{children}</AppShell>
    </PageMessages>
  );
}
