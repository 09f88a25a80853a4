import { InstrumentScreen } from "./_parts/instrument-screen";
import { PageMessages } from "@/app/_ui/page-messages";

/**
 * One page for every instrument: the asset tag is in the hash (`/instruments#IN-000301`), read on the phone, so
 * the page cached once by the service worker opens offline for any instrument (ADR 0008). Without a tag: the
 * user's own instruments with due days and reminders, and a field to type a worn tag.
 */
export default function InstrumentsPage() {
  return (
    <PageMessages namespaces={["instruments", "instrumentsUi", "instrumentCategory"]}>
      <InstrumentScreen />
    </PageMessages>
  );
}
