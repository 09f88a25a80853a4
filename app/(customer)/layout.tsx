import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConnectionIndicator } from "@/app/_ui/connection-indicator";
import { ViewerProvider } from "@/app/_ui/viewer";
import { SyncProvider } from "@/client/sync/provider";
import { requireUser } from "@/server/auth/current-user";

/**
 * Customer mode (DESIGN.md §6): the lineman's phone in the customer's hands. No navigation, no sync controls, no
 * way to the lineman's screens: one work order to read, rate and sign. The sync engine still runs (the signature
 * is queued in the outbox and sent when there is a connection); the connection indicator sends at once on return.
 */
export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("customer");
  return (
    <ViewerProvider viewer={{ id: user.id, role: user.role, displayName: user.displayName, department: user.department }}>
      <SyncProvider userId={user.id}>
        <div className="customer-shell">
          <header className="topbar customer-bar">
            <span className="brand">{t("bar")}</span>
            {/* online/offline for the customer too (the signature is kept on the phone either way); its return sends at once */}
            <ConnectionIndicator />
          </header>
          <main id="content" className="content customer-content">
            {children}
          </main>
        </div>
      </SyncProvider>
    </ViewerProvider>
  );
}
