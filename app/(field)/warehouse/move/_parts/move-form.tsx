"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { useSync } from "@/client/sync/provider";
import { outstandingFor, type MoveItemView, type THolder } from "@/client/warehouse/move-model";
import { newId, queueStockMove } from "@/client/warehouse/queue";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { ruleMessageKey } from "@/domain/rules/codes";
import { checkMove, MOVE_KINDS, type TMoveKind } from "@/domain/warehouse/stock";
import { materialName } from "../../receive/_parts/receive-lines";
import type { TPerson } from "../../receive/_parts/use-people";

/**
 * Issue (领用) or return (退库) of one tag: to or from a person or a department, a quantity (one unit for a
 * serialised item). Checked with domain checkMove on the phone's copy (the server decides again), then queued as
 * `stock.move` v1 with an id made at the first save (a double tap moves once).
 */
export function MoveForm({
  view,
  people,
  zones,
  onSaved,
}: {
  view: MoveItemView;
  people: TPerson[];
  zones: { code: string; kind: string; nameZh: string; nameEn: string }[];
  onSaved: (onHand: number) => void;
}) {
  const t = useTranslations("warehousePhone.move");
  const tw = useTranslations("warehouse.move");
  const td = useTranslations("departments");
  const tRoot = useTranslations();
  const locale = useLocale();
  const viewer = useViewer();
  const { store, deviceId, flush } = useSync();
  const idRef = useRef<string | null>(null);
  const [kind, setKind] = useState<TMoveKind>(view.status === "accepted" ? "issue" : "return");
  const [quantity, setQuantity] = useState("1");
  const [to, setTo] = useState<"person" | "department">("person");
  const [person, setPerson] = useState("");
  const [department, setDepartment] = useState("");
  const stockZones = zones.filter((z) => z.kind === "stock");
  const [zone, setZone] = useState(view.item.zoneCode ?? stockZones[0]?.code ?? "");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chosen = people.find((p) => p.id === person);
  const holder: THolder | null =
    to === "person" ? (chosen ? { userId: chosen.id, name: chosen.displayName } : null) : department ? { department: department as TDepartment } : null;
  const outstanding = holder ? outstandingFor(view, holder) : 0;
  const qty = view.serialised ? 1 : Number(quantity);

  const save = async () => {
    if (!store || !deviceId || busy) return;
    if (!holder) {
      setProblem(tRoot("warehouse.validation.holder"));
      return;
    }
    const check = checkMove({ kind, status: view.status, onHand: view.onHand, serialised: view.serialised, quantity: qty, outstanding });
    if (!check.ok) {
      setProblem(tRoot(ruleMessageKey(check.code)));
      return;
    }
    setBusy(true);
    setProblem(null);
    const id = (idRef.current ??= newId());
    try {
      const r = await queueStockMove(
        { store, userId: viewer.id, deviceId },
        {
          id,
          itemId: view.item.id,
          kind,
          quantity: qty,
          ...("userId" in holder ? { toUserId: holder.userId } : { toDepartment: holder.department }),
          ...(kind === "return" && zone ? { zoneCode: zone } : {}),
          note,
        },
      );
      if (!r.ok) {
        const key = Object.values(r.fields)[0] ?? "";
        setProblem(tRoot.has(key) ? tRoot(key) : t("checkFields"));
        setBusy(false);
        return;
      }
      flush("queued");
      onSaved(check.onHandAfter);
    } catch {
      setProblem(t("saveFailed"));
      setBusy(false);
    }
  };

  return (
    <section className="card stack" data-testid="move-form">
      <fieldset className="choices">
        <legend>{t("kind")}</legend>
        <div className="choice-row" role="radiogroup" aria-label={t("kind")}>
          {MOVE_KINDS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} className="pick" onClick={() => setKind(k)} data-testid={`move-kind-${k}`}>
              {tw(k)}
            </button>
          ))}
        </div>
      </fieldset>
      {!view.serialised && (
        <label className="field">
          <span>{t("quantity")}</span>
          <input
            className="input big-input"
            inputMode="numeric"
            pattern="[0-9]*"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value.replace(/[^0-9]/g, ""))}
            data-testid="move-quantity"
          />
        </label>
      )}
      <div className="choice-row" role="radiogroup" aria-label={t("person")}>
        {(["person", "department"] as const).map((k) => (
          <button key={k} type="button" role="radio" aria-checked={to === k} className="pick" onClick={() => setTo(k)} data-testid={`move-to-${k}`}>
            {k === "person" ? t("toPerson") : t("toDepartment")}
          </button>
        ))}
      </div>
      {to === "person" ? (
        <label className="field">
          <span>{t("person")}</span>
          <select className="input" value={person} onChange={(e) => setPerson(e.target.value)} data-testid="move-person">
            <option value="">{t("personPick")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span>{t("department")}</span>
          <select className="input" value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="move-department">
            <option value="">{t("departmentPick")}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {td(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === "return" && holder && (
        <p className="muted small" data-testid="move-outstanding">
          {t("outstanding", { n: outstanding })}
        </p>
      )}
      {kind === "return" && stockZones.length > 1 && (
        <label className="field">
          <span>{t("returnZone")}</span>
          <select className="input" value={zone} onChange={(e) => setZone(e.target.value)} data-testid="move-zone">
            {stockZones.map((z) => (
              <option key={z.code} value={z.code}>
                {materialName(z, locale)} {z.code}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t("note")}</span>
        <input className="input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="move-note" />
      </label>
      {problem && (
        <p className="alert" data-tone="bad" role="alert" data-testid="move-problem">
          {problem}
        </p>
      )}
      <button type="button" className="btn block big-action" onClick={() => void save()} disabled={busy || !store} data-testid="move-save">
        {busy ? t("saving") : t("save")}
      </button>
    </section>
  );
}
