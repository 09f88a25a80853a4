"use client";
import { unreadNotices } from "@/client/notices/stores";
import { useReadCache } from "./use-read-cache";

/** The signed-in user's unread notices on this phone (undefined until the first read of the cache). */
export function useUnreadNotices(): number | undefined {
  return useReadCache("unread-notices", (store, deviceId) => unreadNotices(store, deviceId)).data;
}
