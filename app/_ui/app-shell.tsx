import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SyncProvider } from "@/client/sync/provider";
import type { SessionUser } from "@/server/auth/session";
import { BottomNav } from "./bottom-nav";
import { ConnectionIndicator } from "./connection-indicator";
import { navFor, offlinePagesFor } from "./nav-config";
import { CustomerModeGuard } from "@/app/_ui/customer-mode-guard";
import { PrimePages } from "./prime-pages";
import { SyncBanners } from "./sync-banners";
import { SyncIndicator } from "./sync-indicator";
import { ViewerProvider } from "./viewer";

/** The signed-in frame of every screen: top bar with connection and sync state, content, bottom navigation. */
export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const items = navFor(user.role, user.department);
  return (
    <ViewerProvider viewer={{ id: user.id, role: user.role, displayName: user.displayName, department: user.department }}>
      <SyncProvider userId={user.id}>
        <div className="shell">
          <a className="skip" href="#content">
            {t("app.skipToContent")}
          </a>
          <header className="topbar">
            <span className="brand">{t("app.name")}</span>
            <ConnectionIndicator />
            <SyncIndicator />
          </header>
          <SyncBanners />
          <main id="content" className="content">
            {children}
          </main>
          <BottomNav items={items} />
          <PrimePages userId={user.id} locale={locale} hrefs={offlinePagesFor(user.role)} />
          <CustomerModeGuard />
        </div>
      </SyncProvider>
    </ViewerProvider>
  );
}
