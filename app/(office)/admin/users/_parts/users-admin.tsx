"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { HoldingsNotice } from "@/app/(office)/instruments/_parts/holdings-notice";
import { UserForm } from "./user-form";
import { UserSites } from "./user-sites";

type Panel = { kind: "none" } | { kind: "create" } | { kind: "edit"; userId: string } | { kind: "password"; userId: string };

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const sitesByUser = useQuery(trpc.users.sitesByUser.queryOptions());
  const [panel, setPanel] = useState<Panel>({ kind: "none" });
  const [notice, setNotice] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState("");
  const done = (message: string) => {
    setNotice(message);
    setPanel({ kind: "none" });
    setNewPassword("");
    void qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  };
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: (u) => done(t("admin.users.created", { username: u.username })) }));
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: () => done(t("admin.users.saved")) }));
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: () => done(t("admin.users.passwordReset")) }));
  const setActive = useMutation(trpc.users.setActive.mutationOptions({ onSuccess: () => done(t("admin.users.saved")) }));

  return (
    <div className="stack">
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      <ErrorText error={setActive.error} />
      <HoldingsNotice error={setActive.error} />
      {panel.kind === "create" ? (
        <UserForm
          mode="create"
          pending={create.isPending}
          error={create.error}
          onSubmit={(v) => create.mutate(v)}
          onCancel={() => setPanel({ kind: "none" })}
        />
      ) : (
        <button
          type="button"
          className="btn block"
          onClick={() => {
            setNotice(null);
            setPanel({ kind: "create" });
          }}
          data-testid="user-create"
        >
          {t("admin.users.create")}
        </button>
      )}
      <QueryState isPending={users.isPending} isError={users.isError} isEmpty={false} empty="" onRetry={() => void users.refetch()}>
        <ul className="list" data-testid="user-list">
          {users.data?.map((u) => (
            <li key={u.id} data-testid={`user-${u.username}`}>
              <div className="title-row">
                <strong>{u.displayName}</strong>
                <span className="badge" data-tone={u.active ? "ok" : "muted"}>
                  {u.active ? t("admin.users.active") : t("admin.users.disabled")}
                </span>
              </div>
              <div className="muted small">
                <span className="mono">{u.username}</span>
                {u.id === currentUserId && ` (${t("admin.users.you")})`} · {t(`roles.${u.role}`)} · {t(`departments.${u.department}`)}
              </div>
              {panel.kind === "edit" && panel.userId === u.id ? (
                <>
                  <HoldingsNotice error={update.error} />
                  <UserForm
                    mode="edit"
                    initial={u}
                    pending={update.isPending}
                    error={update.error}
                    onSubmit={(v) => update.mutate({ userId: u.id, displayName: v.displayName, role: v.role, department: v.department })}
                    onCancel={() => setPanel({ kind: "none" })}
                  />
                  {sitesByUser.data && <UserSites userId={u.id} current={sitesByUser.data[u.id] ?? []} onSaved={() => done(t("adminSites.saved"))} />}
                </>
              ) : panel.kind === "password" && panel.userId === u.id ? (
                <form
                  className="card"
                  onSubmit={(e) => {
                    e.preventDefault();
                    reset.mutate({ userId: u.id, password: newPassword });
                  }}
                >
                  <ErrorText error={reset.error} />
                  <label className="field">
                    <span>{t("admin.users.newPassword")}</span>
                    <input
                      className="input"
                      value={newPassword}
                      onChange={(e) => setNewPassword(e.target.value)}
                      autoComplete="new-password"
                      name="newPassword"
                    />
                  </label>
                  <div className="row">
                    <button type="submit" className="btn grow" disabled={reset.isPending}>
                      {t("admin.users.save")}
                    </button>
                    <button type="button" className="btn secondary" onClick={() => setPanel({ kind: "none" })}>
                      {t("admin.users.cancel")}
                    </button>
                  </div>
                </form>
              ) : (
                <div className="row" style={{ marginTop: 10 }}>
                  <button
                    type="button"
                    className="btn secondary"
                    onClick={() => {
                      setNotice(null);
                      setPanel({ kind: "edit", userId: u.id });
                    }}
                  >
                    {t("admin.users.edit")}
                  </button>
                  <button
                    type="button"
                    className="btn secondary"
                    onClick={() => {
                      setNotice(null);
                      setPanel({ kind: "password", userId: u.id });
                    }}
                  >
                    {t("admin.users.resetPassword")}
                  </button>
                  {u.active && (
                    // the person's badge (工牌码) for the instrument desk: opens the printable card
                    <a className="btn secondary" href={`/api/users/${u.id}/badge.pdf`} target="_blank" rel="noreferrer" data-testid={`badge-${u.username}`}>
                      {t("admin.users.printBadge")}
                    </a>
                  )}
                  {u.id !== currentUserId &&
                    (u.active ? (
                      <button
                        type="button"
                        className="btn danger"
                        data-testid={`disable-${u.username}`}
                        disabled={setActive.isPending}
                        onClick={() =>
                          window.confirm(t("admin.users.confirmDisable", { name: u.displayName })) && setActive.mutate({ userId: u.id, active: false })
                        }
                      >
                        {t("admin.users.disable")}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn secondary"
                        data-testid={`enable-${u.username}`}
                        disabled={setActive.isPending}
                        onClick={() => setActive.mutate({ userId: u.id, active: true })}
                      >
                        {t("admin.users.enable")}
                      </button>
                    ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
    </div>
  );
}
