import { PageMessages } from "@/app/_ui/page-messages";
import { requireUser } from "@/server/auth/current-user";
import { RoundsScreen } from "./_parts/rounds-screen";

/**
 * The inspector's rounds on the phone (P2, ADR 0039 §5): one page for every round, the round in the hash
 * (`/property/rounds#<round id>`), so the page cached once opens offline for any of them. Without a hash: my rounds.
 * Anyone may be named on a round (the departments concerned); the phone holds only the rounds naming its user.
 */
export default async function PropertyRoundsPage() {
  await requireUser();
  // "workOrders": the signature pad's words (app/_ui/work-orders/signature-box.tsx); "desk": the round's schema (loaded
  // at submit) shares the day field of the desk's, whose refusal is a desk key
  return (
    <PageMessages namespaces={["propertyPhone", "property", "workOrders", "desk"]}>
      <RoundsScreen />
    </PageMessages>
  );
}
