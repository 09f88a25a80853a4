import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { mayWalkCheck } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { CheckScreen } from "./_parts/check-screen";

/**
 * The label spot-check walk (P3 标识的检查, ADR 0038): one page for every check, the subject in the hash
 * (`/quality/check#<check id>` for a planned one, `/quality/check#WH1-A` for an unplanned walk of a zone), so the
 * page cached once opens offline for any of them. Without a hash: my planned checks and the zones to start one in.
 */
export default async function QualityCheckPage() {
  const user = await requireUser();
  if (!mayWalkCheck(user.role)) return <Forbidden />;
  // "desk": the walk's schema (loaded at submit) shares the day field of the desk's, whose refusal is a desk key
  return (
    <PageMessages namespaces={["qualityPhone", "desk"]}>
      <CheckScreen />
    </PageMessages>
  );
}
