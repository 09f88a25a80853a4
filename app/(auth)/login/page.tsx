import Image from "next/image";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/app/_ui/language-switch";
import { getCurrentUser } from "@/server/auth/current-user";
import { LoginForm } from "./_parts/login-form";
import { PageMessages } from "@/app/_ui/page-messages";

const REASONS = ["unauthenticated", "session_expired", "user_disabled", "logged_out"] as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  if (await getCurrentUser()) redirect("/home");
  const t = await getTranslations();
  const { reason } = await searchParams;
  const shown = REASONS.find((r) => r === reason);
  return (
    <main className="login">
      <div className="logo">
        <Image src="/icons/icon-192.png" alt="" width={56} height={56} priority />
        <div>
          <h1>{t("app.name")}</h1>
          <p className="muted">{t("app.tagline")}</p>
        </div>
      </div>
      {shown && (
        <div className="alert" data-tone={shown === "logged_out" ? "ok" : "info"} role="status">
          {t(`login.reason.${shown}`)}
        </div>
      )}
      <PageMessages namespaces={["login"]}>
        <LoginForm />
      </PageMessages>
      <div className="lang">
        <LanguageSwitch />
      </div>
    </main>
  );
}
