import { getTranslations } from "next-intl/server";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { MyComplaints } from "./_parts/my-complaints";
import { PageMessages } from "@/app/_ui/page-messages";

/** The complaints and inquiries the user recorded, their state and time limit: from the phone's storage, offline too. */
export default async function MyComplaintsPage() {
  const t = await getTranslations("complaintsPhone.list");
  return (
    <div data-testid="complaints-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["complaints", "complaintsPhone"]}>
        <div className="stack">
          <RecordComplaintLink />
          <MyComplaints />
        </div>
      </PageMessages>
    </div>
  );
}
