import { Forbidden } from "@/app/_ui/forbidden";
import { mayReceive } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { CountScreen } from "./_parts/count-screen";

/**
 * The stock-take of a zone (盘点, ADR 0035 §7): one page for every zone, the code in the hash (`/warehouse/count#WH1-A`),
 * so the page cached once opens offline for any zone. Without a code: the zones to count.
 */
export default async function CountPage() {
  const user = await requireUser();
  if (!mayReceive(user.role)) return <Forbidden />;
  return <CountScreen />;
}
