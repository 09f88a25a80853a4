"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Icon } from "./icons";

/**
 * "Record a complaint" (first-asker, 首问负责制): one tap from every field home and from a work order, to a form that
 * works with no signal. From a work order it carries the order (`#wo=<id>`: the one cached page serves every order)
 * and the form starts with that customer.
 */
export function RecordComplaintLink({ workOrderId, label }: { workOrderId?: string; label?: string }) {
  const t = useTranslations("complaintsPhone");
  const href = workOrderId ? `/complaints/new#wo=${workOrderId}` : "/complaints/new";
  return (
    <Link href={href} prefetch={false} className="btn secondary block record-complaint" data-testid="record-complaint" style={{ minHeight: 56 }}>
      <Icon name="complaints" size={24} />
      {label ?? t("record")}
    </Link>
  );
}
