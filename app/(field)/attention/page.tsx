import { getTranslations } from "next-intl/server";
import { AttentionList } from "./_parts/attention-list";
import { PageMessages } from "@/app/_ui/page-messages";

/** Changes the server refused (DESIGN.md §3 "Needs attention"): re-issue from the current state, or dismiss. */
export default async function AttentionPage() {
  const t = await getTranslations("attention");
  return (
    <div data-testid="attention-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["attention", "workOrders", "complaints", "complaintsPhone", "instruments", "instrumentsUi"]}>
        <AttentionList />
      </PageMessages>
    </div>
  );
}
