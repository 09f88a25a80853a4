import { getTranslations } from "next-intl/server";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { MyComplaints } from "./_parts/my-complaints";

/** The complaints and inquiries the user recorded, their state and time limit: from the phone's storage, offline too. */
export default async function MyComplaintsPage() {
  const t = await getTranslations("complaintsPhone.list");
  return (
    <div data-testid="complaints-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <div className="stack">
        <RecordComplaintLink />
        <MyComplaints />
      </div>
    </div>
  );
}
