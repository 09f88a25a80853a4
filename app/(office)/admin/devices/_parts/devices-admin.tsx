"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { FailureLookup } from "./failure-lookup";

export function DevicesAdmin() {
  const t = useTranslations("admin.devices");
  const format = useFormatter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const devices = useQuery(trpc.sync.devices.queryOptions());
  const revoke = useMutation(
    trpc.sync.revokeDevice.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.sync.devices.queryKey() }) }),
  );
  return (
    <div className="stack">
      <FailureLookup />
      <ErrorText error={revoke.error} />
      <QueryState
        isPending={devices.isPending}
        isError={devices.isError}
        isEmpty={devices.data?.length === 0}
        empty={t("empty")}
        onRetry={() => void devices.refetch()}
      >
        <ul className="list" data-testid="device-list">
          {devices.data?.map((d) => (
            <li key={d.deviceId} data-testid={`device-${d.deviceId}`}>
              <div className="title-row">
                <strong>{d.displayName}</strong>
                {d.revokedAt && (
                  <span className="badge" data-tone="muted">
                    {t("revoked")}
                  </span>
                )}
              </div>
              <div className="muted small">
                <span className="mono">{d.username}</span> · {d.label || d.deviceId.slice(0, 8)}
              </div>
              <div className="muted small">
                {t("lastSeen", { time: format.dateTime(d.lastSeenAt, { dateStyle: "short", timeStyle: "short" }) })} · {t("applied", { n: d.lastAppliedSeq })}
              </div>
              {!d.revokedAt && (
                <button
                  type="button"
                  className="btn danger"
                  style={{ marginTop: 10 }}
                  disabled={revoke.isPending}
                  onClick={() => window.confirm(t("confirmRevoke", { name: d.displayName })) && revoke.mutate({ deviceId: d.deviceId })}
                >
                  {t("revoke")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
    </div>
  );
}
