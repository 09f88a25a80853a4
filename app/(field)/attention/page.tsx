import { getTranslations } from "next-intl/server";
import { AttentionList } from "./_parts/attention-list";

/** Changes the server refused (DESIGN.md §3 "Needs attention"): re-issue from the current state, or dismiss. */
export default async function AttentionPage() {
  const t = await getTranslations("attention");
  return (
    <div data-testid="attention-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <AttentionList />
    </div>
  );
}
