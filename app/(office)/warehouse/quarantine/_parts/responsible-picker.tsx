"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { Refusal } from "../../_parts/refusal";

/** "Change responsible person": a folded picker of the active people (warehouse.people) → warehouse.setResponsible. */
export function ResponsiblePicker({ itemId, current, tag }: { itemId: string; current: string | null; tag: string }) {
  const t = useTranslations("warehouseOffice.quarantine");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(current ?? "");
  const people = useQuery({ ...trpc.warehouse.people.queryOptions(), enabled: open, staleTime: 5 * 60_000 });
  const save = useMutation(
    trpc.warehouse.setResponsible.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void qc.invalidateQueries({ queryKey: trpc.warehouse.quarantine.pathKey() });
      },
    }),
  );
  if (!open)
    return (
      <button type="button" className="btn secondary block" style={{ marginTop: 8 }} onClick={() => setOpen(true)} data-testid={`change-responsible-${tag}`}>
        {t("change")}
      </button>
    );
  return (
    <div className="stack" style={{ marginTop: 8 }} data-testid={`responsible-form-${tag}`}>
      <label className="field">
        <span>{t("person")}</span>
        <select
          className="input"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          disabled={people.isPending}
          data-testid={`responsible-select-${tag}`}
        >
          <option value="" disabled>
            {people.isPending ? t("loadingPeople") : t("choose")}
          </option>
          {(people.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName} · {tr(`roles.${p.role}`)}
              {p.department ? ` · ${tr(`departments.${p.department}`)}` : ""}
            </option>
          ))}
        </select>
      </label>
      <Refusal error={save.error ?? people.error} />
      <div className="row">
        <button
          type="button"
          className="btn grow"
          disabled={!chosen || chosen === current || save.isPending}
          onClick={() => save.mutate({ itemId, responsibleId: chosen })}
          data-testid={`responsible-save-${tag}`}
        >
          {t("save")}
        </button>
        <button type="button" className="btn secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}
