import { getTranslations } from "next-intl/server";
import { ComplaintForm } from "../_parts/complaint-form";
import { PageMessages } from "@/app/_ui/page-messages";

/** Record a complaint or inquiry (first-asker, 《客户投诉查询表》): every role, with no signal too (cached page). */
export default async function NewComplaintPage() {
  const t = await getTranslations("complaintsPhone.new");
  return (
    <div data-testid="complaint-new-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["complaints", "complaintsPhone"]}>
        <ComplaintForm />
      </PageMessages>
    </div>
  );
}
