import "server-only";
import { inspectionStanding, showsMaintenance } from "@/domain/work-orders/property-link";
import { labels as L } from "@/server/pdf/bilingual";
import { BAD, MUTED, OK, type Field, type RecordLayout } from "@/server/pdf/layout";
import type { TWorkOrderRecord } from "./pdf-data";

const F = (key: string) => L.both(`workOrders.property.field.${key}`);

/**
 * The customer's property on the work-order record (ADR 0039 §6, §9): the PBX application or customer-built works
 * the order connects, with its status when printed (connected by this order, or still waiting), and on a
 * terminal-maintenance order the customer's equipment maintenance agreement (设备代维协议) in force.
 */
export function propertySection(p: RecordLayout, r: TWorkOrderRecord): void {
  const c = r.propertyCase;
  const maintenance = showsMaintenance(r.order.kind);
  if (!c && !maintenance) return;
  p.section(L.both("desk.detail.property"), 100);
  if (c) {
    const standing = inspectionStanding(c.status);
    const title = `${L.both(c.kind === "pbx" ? "workOrders.property.pbxTitle" : "workOrders.property.worksTitle", { code: c.code })} · ${L.both(`workOrders.property.status.${c.status}`)}`;
    p.doc.rect(p.left, p.y, 3, 14).fill(standing === "passed" ? OK : BAD);
    p.gap(p.write(title, p.left + 8, p.y, p.width - 8, { font: "bold", size: 10.5 }) + 4);
    const f: Field[] =
      c.kind === "pbx"
        ? [
            [F("certificate"), [c.details.certificateNo, c.details.model].filter(Boolean).join(" · ") || "—"],
            [F("capacity"), c.details.capacity || "—"],
            [F("standard"), c.details.standard || "—"],
            [F("connection"), c.details.connection || "—"],
            [F("power"), c.details.power || "—"],
            [F("ancillary"), c.details.ancillary || "—"],
            [F("trunkLines"), String(c.details.trunkLines)],
          ]
        : [
            [F("project"), c.details.projectName || "—"],
            [F("constructor"), c.details.constructorName || "—"],
            [F("agreement"), c.details.agreementKind ? L.both(`workOrders.property.agreementKind.${c.details.agreementKind}`) : "—"],
            [F("period"), c.details.startsOn && c.details.endsOn ? `${c.details.startsOn} – ${c.details.endsOn}` : "—"],
            [F("scope"), c.details.scope || "—"],
          ];
    p.fields(f, 3);
    p.gap(6);
  }
  if (!maintenance) return;
  const a = r.maintenance;
  if (!a) {
    p.gap(p.write(L.both("workOrders.property.maintenance.none"), p.left, p.y, p.width, { color: MUTED }) + 8);
    return;
  }
  p.gap(p.write(L.both("workOrders.property.maintenance.title", { code: a.code }), p.left, p.y, p.width, { font: "bold", size: 10.5 }) + 4);
  p.fields(
    [
      [L.both("workOrders.property.maintenance.period"), `${a.startsOn} – ${a.endsOn}`],
      [L.both("workOrders.property.maintenance.equipment"), a.equipment.join("、") || "—"],
      [L.both("workOrders.property.maintenance.terms"), a.terms || "—"],
    ],
    1,
  );
  p.gap(6);
}
