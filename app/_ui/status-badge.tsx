"use client";
import { useTranslations } from "next-intl";
import type { TInstrumentStatus } from "@/domain/instruments/status";
import type { TItemStatus } from "@/domain/items/labels";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";

export type TTone = "ok" | "warn" | "bad" | "info" | "muted";

const ITEM_TONE: Record<TItemStatus, TTone> = {
  received: "info",
  pending_inspection: "warn",
  accepted: "ok",
  returned: "bad",
  in_use: "ok",
  pending_disposal: "bad",
  scrapped: "muted",
  in_service: "ok",
  under_maintenance: "warn",
};
const WORK_ORDER_TONE: Record<TWorkOrderStatus, TTone> = {
  assigned: "info",
  en_route: "info",
  on_site: "warn",
  work_done: "warn",
  signed: "ok",
  closed: "muted",
  cancelled: "muted",
  refused_to_sign: "bad",
};
const INSTRUMENT_TONE: Record<TInstrumentStatus, TTone> = {
  available: "ok",
  on_loan: "info",
  at_repair: "warn",
  scrapped: "muted",
};

/** The colour of an item's status label (for controls that carry a label's colour, e.g. "change to" buttons). */
export function itemTone(status: TItemStatus): TTone {
  return ITEM_TONE[status];
}

/** A status label, coloured and named the same on every screen. */
export function StatusBadge(
  props: { kind: "item"; status: TItemStatus } | { kind: "workOrder"; status: TWorkOrderStatus } | { kind: "instrument"; status: TInstrumentStatus },
) {
  const t = useTranslations("status");
  const tone = props.kind === "item" ? ITEM_TONE[props.status] : props.kind === "workOrder" ? WORK_ORDER_TONE[props.status] : INSTRUMENT_TONE[props.status];
  return (
    <span className="badge" data-tone={tone} data-status={props.status}>
      {t(`${props.kind}.${props.status}`)}
    </span>
  );
}
