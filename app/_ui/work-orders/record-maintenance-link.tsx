"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useConnection } from "@/client/connection";
import { useTRPC } from "@/client/trpc";
import { contactPhone } from "@/domain/work-orders/property-link";
import { Icon } from "../icons";

/** The agreement form (《设备代维协议》) started with this order's customer: the server reads them from the order. */
export function maintenanceFormHref(order: { id: string }): string {
  return `/property/maintenance/new?${new URLSearchParams({ workOrderId: order.id }).toString()}`;
}

/**
 * "Record a maintenance agreement" on a terminal-maintenance order with none in force (ADR 0039 §9: linemen offer the
 * service at the site). The form is online only: online, a large link to it with the customer's name, phone and address
 * filled in; offline, the same button says it needs a connection and, tapped, says why instead of opening a page that
 * cannot load. Online, an agreement recorded since the order last synced is shown instead (no second agreement).
 */
export function RecordMaintenanceLink({ order }: { order: { id: string; customerName: string; contact: string; address: string } }) {
  const t = useTranslations("workOrders.property.maintenance");
  const trpc = useTRPC();
  const connection = useConnection();
  const [asked, setAsked] = useState(false);
  const phone = contactPhone(order.contact);
  const since = useQuery({ ...trpc.maintenance.forCustomer.queryOptions({ phone }), enabled: connection === "online" && phone !== "" });
  if (connection === "online" && since.data)
    return (
      <div className="stack" style={{ gap: 4 }} data-testid="maintenance-recorded-since" data-code={since.data.code}>
        <p className="alert" data-tone="ok" role="status" style={{ margin: 0 }}>
          {t("recordedSince", { code: since.data.code })}
        </p>
        <Link href={`/property/maintenance/${since.data.id}`} prefetch={false} className="btn secondary block" style={{ minHeight: 56 }}>
          {t("openRecorded", { code: since.data.code })}
        </Link>
      </div>
    );
  if (connection === "online")
    return (
      <div className="stack" style={{ gap: 4 }}>
        <Link href={maintenanceFormHref(order)} prefetch={false} className="btn block" style={{ minHeight: 56 }} data-testid="record-maintenance">
          <Icon name="property" size={24} />
          {t("record")}
        </Link>
        <p className="help" style={{ margin: 0 }}>
          {t("recordHelp")}
        </p>
      </div>
    );
  return (
    <div className="stack" style={{ gap: 4 }}>
      <button
        type="button"
        className="btn secondary block"
        style={{ minHeight: 56 }}
        onClick={() => setAsked(true)}
        data-testid="record-maintenance"
        data-offline="true"
      >
        <Icon name="wifiOff" size={24} />
        {t("recordOffline")}
      </button>
      {asked && (
        <p className="alert" data-tone="info" role="status" data-testid="record-maintenance-offline">
          {t("recordOfflineHelp")}
        </p>
      )}
    </div>
  );
}
