import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/app/_ui/language-switch";
import { badgeCode } from "@/domain/auth/badge";
import { requireUser } from "@/server/auth/current-user";
import { LogoutButtons } from "./_parts/logout-buttons";
import { MyBadge } from "./_parts/my-badge";
import { PageMessages } from "@/app/_ui/page-messages";

export default async function MePage() {
  const user = await requireUser();
  const t = await getTranslations();
  return (
    <div className="stack">
      <h1>{t("me.title")}</h1>
      <div className="card" data-testid="me-card">
        <p className="muted small">{t("me.signedInAs")}</p>
        <p style={{ fontWeight: 800, fontSize: "1.2rem" }}>{user.displayName}</p>
        <p className="mono muted">{user.username}</p>
        <p>{t.rich("me.roleLine", { role: t(`roles.${user.role}`), b: (chunks) => <strong>{chunks}</strong> })}</p>
        <p>{t.rich("me.departmentLine", { department: t(`departments.${user.department}`), b: (chunks) => <strong>{chunks}</strong> })}</p>
      </div>
      <PageMessages namespaces={["me"]}>
        <MyBadge code={badgeCode(user.username)} />
        <div className="card">
          <p style={{ fontWeight: 700 }}>{t("language.label")}</p>
          <LanguageSwitch />
        </div>
        <LogoutButtons />
      </PageMessages>
    </div>
  );
}
