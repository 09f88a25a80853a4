"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link to a hash screen (`/items#ST-000101`). To another route: a Next link. Within the same route: a plain
 * anchor, so the browser fires `hashchange` (Next's router changes the hash without that event).
 */
export function HashLink({ path, hash, ...rest }: { path: string; hash: string } & Omit<ComponentProps<"a">, "href">) {
  const pathname = usePathname();
  const href = `${path}#${encodeURIComponent(hash)}`;
  if (pathname === path) return <a href={href} {...rest} />;
  return <Link href={href} {...rest} />;
}
