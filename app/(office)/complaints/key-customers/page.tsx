import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { canMaintainKeyCustomers, canReadDesk } from "@/domain/complaints/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { OfficeLinks } from "../_parts/office-links";
import { KeyCustomersScreen } from "./_parts/key-customers-screen";

/** The key-customer register (重点客户): customer service and quality keep it; the desk's readers read it. */
export default async function KeyCustomersPage() {
  const user = await requireUser();
  if (!canReadDesk(user)) return <Forbidden />;
  const t = await getTranslations("complaintsDesk.keyCustomers");
  const canEdit = canMaintainKeyCustomers(user);
  return (
    <div data-testid="key-customers">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      {!canEdit && (
        <p className="alert" data-tone="info">
          {t("readOnly")}
        </p>
      )}
      <Prefetched queries={(trpc) => [trpc.complaints.keyCustomers.queryOptions({ includeInactive: false })]}>
        <KeyCustomersScreen canEdit={canEdit} />
      </Prefetched>
      <OfficeLinks current="keyCustomers" />
    </div>
  );
}
