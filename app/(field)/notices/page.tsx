import { getTranslations } from "next-intl/server";
import { NoticeList } from "./_parts/notice-list";
import { PageMessages } from "@/app/_ui/page-messages";

/** The user's notice inbox (ADR 0033): reminders and alerts raised by the domains, on the phone offline too. */
export default async function NoticesPage() {
  const t = await getTranslations("notices");
  return (
    <div data-testid="notices-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["notices"]}>
        <NoticeList />
      </PageMessages>
    </div>
  );
}
