import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { UsersAdmin } from "./_parts/users-admin";

export default async function UsersPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  const t = await getTranslations("admin.users");
  return (
    <div>
      <h1>{t("title")}</h1>
      <UsersAdmin currentUserId={user.id} />
    </div>
  );
}
