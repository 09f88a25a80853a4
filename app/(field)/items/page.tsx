import { ItemScreen } from "./_parts/item-screen";

/**
 * One page for every item: the tag is in the hash (`/items#ST-000101`), read on the phone, so the page
 * cached once by the service worker opens offline for any item. Data comes from the phone's read cache.
 */
export default function ItemsPage() {
  return <ItemScreen />;
}
