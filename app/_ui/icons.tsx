import type { TNavIcon } from "./nav-config";

export type TIconName = TNavIcon | "wifi" | "wifiOff" | "upload" | "alert" | "pin" | "chevron" | "check";

const PATHS: Record<TIconName, string> = {
  home: "M3 11 12 3l9 8v10a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z",
  scan: "M3 7V4a1 1 0 0 1 1-1h3M17 3h3a1 1 0 0 1 1 1v3M21 17v3a1 1 0 0 1-1 1h-3M7 21H4a1 1 0 0 1-1-1v-3M7 8v8M10 8v8M13 8v8M17 8v8",
  me: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM3.5 21a8.5 8.5 0 0 1 17 0",
  instruments: "M4 20a8 8 0 1 1 16 0zM12 20l4-6M7.5 15.5l1 .6M16.5 15.5l-1 .6M12 11v1.2M3 20h18",
  workOrders: "M9 4h6v3H9zM9 5.5H6a1 1 0 0 0-1 1V20a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V6.5a1 1 0 0 0-1-1h-3M8.5 12h7M8.5 16h5",
  users: "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14a7 7 0 0 1 4 7",
  wifi: "M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 20h.01",
  upload: "M12 16V4M7 9l5-5 5 5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4",
  alert: "M12 3 2 20h20zM12 10v4M12 17.5h.01",
  pin: "M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21zM12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
  chevron: "M9 5l7 7-7 7",
  check: "M4 12.5l5 5L20 6.5",
  complaints: "M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-9l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM12 8v4M12 14.5h.01",
  warehouse: "M3 10 12 4l9 6v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zM7 21v-7h10v7M7 17.5h10",
  notices: "M6 16V11a6 6 0 0 1 12 0v5l2 2.5H4zM10 21h4",
  property: "M4 21V9l8-5 8 5v12zM9 21v-6h6v6M9 11h.01M15 11h.01M4 21h16",
  quality: "M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6zM8.5 12l2.5 2.5 4.5-5",
  wifiOff: "M2 2l20 20M8.5 16a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 4.2-2.4M2 9a15 15 0 0 1 4.5-3M12 20h.01M16.7 10.4A10 10 0 0 1 19 12.5M10.7 5.1A15 15 0 0 1 22 9",
};

export function Icon({ name, size = 28 }: { name: TIconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
