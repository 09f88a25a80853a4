"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { focusMissing } from "@/app/_ui/focus-missing";
import { errorCode, useTRPC } from "@/client/trpc";
import { ZSaveFishboneArgs, type TFishboneCauses } from "@/domain/analysis/schemas";
import { CAUSE_CATEGORIES } from "@/domain/quality/model";
import { CauseFields, draftOf, errorsOf, Field, linesOf, type Errors, type TDraft } from "./form-parts";
import { LinkSelects } from "./link-selects";

/** A saved worksheet as the form needs it (analysis.fishbone). */
export interface TWorksheet {
  id: string;
  code: string;
  version: number;
  problem: string;
  nonconformityId: string | null;
  actionId: string | null;
  ncCode: string | null;
  actionCode: string | null;
  causes: TFishboneCauses;
}

/**
 * The fishbone worksheet (鱼刺图): the problem, its nonconformity and corrective action, and the six bones
 * (人机料法环测), one cause a line; checked with the server's own schema before it goes. A save that meets someone
 * else's first is refused (conflict): the screen says so and offers to reload theirs.
 */
export function Worksheet({ saved, mayEdit }: { saved: TWorksheet | null; mayEdit: boolean }) {
  const t = useTranslations("analysisReports.form");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [draft, setDraft] = useState<TDraft>(() => draftOf(saved));
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation(trpc.analysis.saveFishbone.mutationOptions());
  const conflict = save.isError && errorCode(save.error) === "conflict";
  const readOnly = !mayEdit;

  const submit = () => {
    setNotice(null);
    const causes = Object.fromEntries(CAUSE_CATEGORIES.map((c) => [c, linesOf(draft.causes[c])])) as TFishboneCauses;
    const parsed = ZSaveFishboneArgs.safeParse({
      ...(saved ? { id: saved.id, version: saved.version } : {}),
      problem: draft.problem.trim(),
      nonconformityId: draft.nonconformityId || null,
      actionId: draft.actionId || null,
      causes,
    });
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      // the first field refused, in the middle of the screen (it may be far above the button)
      setTimeout(() => focusMissing(document.querySelector('[data-testid="fishbone-form"] [aria-invalid="true"]')), 0);
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.analysis.fishbones.pathKey() });
        if (!saved) {
          router.replace(`/analysis/fishbones/${r.id}?created=1`);
          return;
        }
        setNotice(t("saved"));
        void qc.invalidateQueries({ queryKey: trpc.analysis.fishbone.queryKey({ id: saved.id }) });
        router.refresh();
      },
    });
  };

  const reload = async () => {
    if (!saved) return;
    const fresh = await qc.query({ ...trpc.analysis.fishbone.queryOptions({ id: saved.id }), staleTime: 0 });
    setDraft(draftOf(fresh));
    save.reset();
    router.refresh();
  };

  return (
    <form
      className="stack"
      aria-label={t("label")}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) submit();
      }}
      data-testid="fishbone-form"
      data-mode={saved ? "edit" : "new"}
      data-version={saved?.version}
    >
      {readOnly && (
        <p className="alert" data-tone="info" data-testid="fishbone-readonly">
          {t("readOnly")}
        </p>
      )}
      <section className="card stack">
        <Field name="problem" label={t("problem")} help={readOnly ? undefined : t("problemHelp")} error={errors.problem}>
          <textarea
            className="input"
            rows={2}
            value={draft.problem}
            readOnly={readOnly}
            aria-invalid={errors.problem ? true : undefined}
            onChange={(e) => setDraft({ ...draft, problem: e.target.value.replace(/\r?\n/g, " ") })}
            data-testid="fishbone-problem"
            style={{ fontSize: "1.1rem", fontWeight: 700 }}
          />
        </Field>
        <LinkSelects
          value={draft}
          saved={{
            nonconformityId: saved?.nonconformityId ?? "",
            actionId: saved?.actionId ?? "",
            ncCode: saved?.ncCode ?? null,
            actionCode: saved?.actionCode ?? null,
          }}
          readOnly={readOnly}
          errors={errors}
          onChange={(next) => setDraft({ ...draft, ...next })}
        />
      </section>
      <section className="card stack">
        <CauseFields
          causes={draft.causes}
          errors={errors}
          readOnly={readOnly}
          onChange={(c, v) => setDraft({ ...draft, causes: { ...draft.causes, [c]: v } })}
        />
      </section>
      {Object.keys(errors).length > 0 && (
        <div className="alert" data-tone="bad" role="alert" data-testid="form-error">
          {errors.form ? <FormMessage k={errors.form} /> : t("fixErrors")}
        </div>
      )}
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {conflict ? (
        <div className="alert stack" data-tone="bad" role="alert" data-testid="error" data-code="conflict">
          <p style={{ margin: 0 }}>{t("stale")}</p>
          <button type="button" className="btn secondary block" onClick={() => void reload()} data-testid="fishbone-reload">
            {t("reload")}
          </button>
        </div>
      ) : (
        save.isError && <ErrorText error={save.error} />
      )}
      {!readOnly && (
        <button type="submit" className="btn block" disabled={save.isPending} style={{ minHeight: 56, fontSize: "1.1rem" }} data-testid="fishbone-save">
          {save.isPending ? t("saving") : t("save")}
        </button>
      )}
    </form>
  );
}

function FormMessage({ k }: { k: string }) {
  const t = useTranslations();
  return <>{t(k)}</>;
}
