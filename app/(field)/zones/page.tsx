import { ZoneScreen } from "./_parts/zone-screen";

/** One page for every zone: the code is in the hash (`/zones#WH1-Q-RET`); without one, the list of zones. */
export default function ZonesPage() {
  return <ZoneScreen />;
}
