import { InstrumentScreen } from "./_parts/instrument-screen";

/**
 * One page for every instrument: the asset tag is in the hash (`/instruments#IN-000301`), read on the phone, so
 * the page cached once by the service worker opens offline for any instrument (ADR 0008). Without a tag: the
 * user's own instruments with due days and reminders, and a field to type a worn tag.
 */
export default function InstrumentsPage() {
  return <InstrumentScreen />;
}
