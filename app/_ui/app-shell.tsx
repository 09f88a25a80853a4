import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { SessionUser } from "@/server/auth/session";
import { BottomNav } from "./bottom-nav";
import { ConnectionIndicator } from "./connection-indicator";
import { navFor } from "./nav-config";
import { PrimePages } from "./prime-pages";

/** The signed-in frame of every screen: top bar with connection state, content, bottom navigation. */
export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations();
  const items = navFor(user.role);
  return (
    <div className="shell">
      <a className="skip" href="#content">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <ConnectionIndicator />
      </header>
      <main id="content" className="content">
        {children}
      </main>
      <BottomNav items={items} />
      <PrimePages userId={user.id} hrefs={items.map((i) => i.href)} />
    </div>
  );
}
