"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useHash } from "@/app/_ui/use-hash";
import { useTRPC, useTRPCClient } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { CALIBRATION_STATES, type TCalibrationState } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/time/operator";
import { USAGE_KINDS, type TUsageKind } from "@/domain/instruments/names";
import { INSTRUMENT_CATEGORIES, INSTRUMENT_STATUSES, type TInstrumentCategory, type TInstrumentStatus } from "@/domain/instruments/status";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import { downloadFile } from "./download";
import { Select } from "./register-screen";

const TABS = ["intake", "usage", "calibration"] as const;
type TTab = (typeof TABS)[number];

interface TFilters {
  from: string;
  to: string;
  department: TDepartment | "";
  category: TInstrumentCategory | "";
  status: TInstrumentStatus | "";
  kind: TUsageKind | "";
  year: number;
  state: TCalibrationState | "";
}

const opt = <T extends string>(v: T | "") => (v ? v : undefined);

function inputs(f: TFilters) {
  return {
    intake: { from: opt(f.from), to: opt(f.to), department: opt(f.department), category: opt(f.category), status: opt(f.status) },
    usage: { from: opt(f.from), to: opt(f.to), department: opt(f.department), kinds: f.kind ? [f.kind] : undefined, limit: 1000 },
    calibration: { year: f.year, department: opt(f.department), category: opt(f.category), state: opt(f.state) },
  };
}

/** The three registers of Procedure 4 as tables: filter, read, export as CSV (Excel) or PDF (print). */
export function RegistersScreen() {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi.registers");
  const hash = useHash();
  const tab: TTab = (TABS as readonly string[]).includes(hash ?? "") ? (hash as TTab) : "intake";
  const year = Number(operatorToday().slice(0, 4));
  const [f, setF] = useState<TFilters>({ from: "", to: "", department: "", category: "", status: "", kind: "", year, state: "" });
  const set = <K extends keyof TFilters>(k: K, v: TFilters[K]) => setF((x) => ({ ...x, [k]: v }));
  return (
    <div>
      <nav className="tabs" aria-label={tu("tabs")}>
        {TABS.map((k) => (
          <a key={k} href={`#${k}`} className={k === tab ? "btn" : "btn secondary"} aria-current={k === tab ? "page" : undefined} data-testid={`tab-${k}`}>
            {tu(`tab.${k}`)}
          </a>
        ))}
        <Link className="btn secondary" href="/instruments/register">
          {tu("toRegister")}
        </Link>
      </nav>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} data-testid="registers-filters">
        {tab === "calibration" ? (
          <label className="field">
            <span>{tu("year")}</span>
            <input
              className="input"
              type="number"
              min={2000}
              max={2100}
              value={f.year}
              onChange={(e) => set("year", Number(e.target.value) || year)}
              data-testid="filter-year"
            />
          </label>
        ) : (
          <>
            <label className="field">
              <span>{tu("from")}</span>
              <input className="input" type="date" value={f.from} onChange={(e) => set("from", e.target.value)} data-testid="filter-from" />
            </label>
            <label className="field">
              <span>{tu("to")}</span>
              <input className="input" type="date" value={f.to} onChange={(e) => set("to", e.target.value)} data-testid="filter-to" />
            </label>
          </>
        )}
        <Select
          label={tu("department")}
          value={f.department}
          onChange={(v) => set("department", v as TFilters["department"])}
          options={DEPARTMENTS.map((d) => [d, t(`departments.${d}`)])}
          testId="filter-department"
        />
        {tab !== "usage" && (
          <Select
            label={tu("category")}
            value={f.category}
            onChange={(v) => set("category", v as TFilters["category"])}
            options={INSTRUMENT_CATEGORIES.map((c) => [c, t(`instrumentCategory.${c}`)])}
            testId="filter-category"
          />
        )}
        {tab === "intake" && (
          <Select
            label={tu("status")}
            value={f.status}
            onChange={(v) => set("status", v as TFilters["status"])}
            options={INSTRUMENT_STATUSES.map((s) => [s, t(`status.instrument.${s}`)])}
            testId="filter-status"
          />
        )}
        {tab === "usage" && (
          <Select
            label={tu("kind")}
            value={f.kind}
            onChange={(v) => set("kind", v as TFilters["kind"])}
            options={USAGE_KINDS.map((k) => [k, t(`instruments.usageKind.${k}`)])}
            testId="filter-kind"
          />
        )}
        {tab === "calibration" && (
          <Select
            label={tu("state")}
            value={f.state}
            onChange={(v) => set("state", v as TFilters["state"])}
            options={CALIBRATION_STATES.map((s) => [s, t(`instruments.calibrationState.${s}`)])}
            testId="filter-state"
          />
        )}
      </form>
      <Exports tab={tab} filters={f} />
      {tab === "intake" && <IntakeTable filters={f} />}
      {tab === "usage" && <UsageTable filters={f} />}
      {tab === "calibration" && <CalibrationTable filters={f} />}
    </div>
  );
}

function Exports({ tab, filters }: { tab: TTab; filters: TFilters }) {
  const tu = useTranslations("instrumentsUi.registers");
  const client = useTRPCClient();
  const locale: "en" | "zh-CN" = useLocale() === "en" ? "en" : "zh-CN";
  const [busy, setBusy] = useState<"csv" | "pdf" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (kind: "csv" | "pdf") => {
    setBusy(kind);
    setError(null);
    try {
      const i = inputs(filters);
      const input =
        tab === "intake"
          ? { register: "intake" as const, filters: i.intake, locale }
          : tab === "usage"
            ? { register: "usage" as const, filters: i.usage, locale }
            : { register: "calibration" as const, filters: i.calibration, locale };
      downloadFile(kind === "csv" ? await client.instruments.exportCsv.query(input) : await client.instruments.exportPdf.query(input));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="stack" style={{ marginBottom: 12 }}>
      <div className="decision">
        <button type="button" className="btn secondary" disabled={busy !== null} onClick={() => void run("csv")} data-testid="registers-csv">
          {tu("csv")}
        </button>
        <button type="button" className="btn secondary" disabled={busy !== null} onClick={() => void run("pdf")} data-testid="registers-pdf">
          {busy === "pdf" ? tu("making") : tu("pdf")}
        </button>
      </div>
      <OnlineError error={error} testId="registers-export-error" />
    </div>
  );
}

function Table({ head, children, count }: { head: string[]; children: ReactNode; count: number }) {
  const tu = useTranslations("instrumentsUi.registers");
  return (
    <>
      <p className="muted small" data-testid="registers-count">
        {tu("rows", { n: count })}
      </p>
      <div className="table-wrap">
        <table className="register" data-testid="registers-table">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}

function IntakeTable({ filters }: { filters: TFilters }) {
  const t = useTranslations();
  const tc = useTranslations("instrumentsUi.registers.col");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.intakeRegister.queryOptions(inputs(filters).intake));
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={tc("none")} onRetry={() => void q.refetch()}>
      <Table
        count={q.data?.length ?? 0}
        head={[
          tc("intakeDate"),
          tc("tag"),
          tc("name"),
          tc("modelSerial"),
          tc("category"),
          tc("department"),
          tc("keeper"),
          tc("location"),
          tc("life"),
          tc("status"),
        ]}
      >
        {q.data?.map((r) => (
          <tr key={r.id}>
            <td>{r.intakeDate}</td>
            <td className="mono">
              <Link href={`/instruments/register#${r.assetTag}`}>{r.assetTag}</Link>
            </td>
            <td className="wrap">{r.name}</td>
            <td>
              {r.model} / {r.serial}
            </td>
            <td>{t(`instrumentCategory.${r.category}`)}</td>
            <td>{t(`departments.${r.department}`)}</td>
            <td>{r.keeperName ?? "—"}</td>
            <td className="wrap">{r.location}</td>
            <td>
              {r.serviceLifeYears} · {r.endOfLifeOn}
            </td>
            <td>{t(`status.instrument.${r.status}`)}</td>
          </tr>
        ))}
      </Table>
    </QueryState>
  );
}

function UsageTable({ filters }: { filters: TFilters }) {
  const t = useTranslations();
  const tc = useTranslations("instrumentsUi.registers.col");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.usageRegister.queryOptions(inputs(filters).usage));
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={tc("none")} onRetry={() => void q.refetch()}>
      <Table count={q.data?.length ?? 0} head={[tc("date"), tc("tag"), tc("name"), tc("what"), tc("by"), tc("holder"), tc("condition"), tc("note")]}>
        {q.data?.map((r) => (
          <tr key={r.id} data-kind={r.kind}>
            <td>{r.onDate}</td>
            <td className="mono">
              <Link href={`/instruments/register#${r.assetTag}`}>{r.assetTag}</Link>
            </td>
            <td className="wrap">{r.name}</td>
            <td>{t(`instruments.usageKind.${r.kind}`)}</td>
            <td>{r.actorName ?? "—"}</td>
            <td>{r.holderName ?? ""}</td>
            <td>{r.condition ? t(`instruments.condition.${r.condition}`) : ""}</td>
            <td className="wrap">{r.note}</td>
          </tr>
        ))}
      </Table>
    </QueryState>
  );
}

function CalibrationTable({ filters }: { filters: TFilters }) {
  const t = useTranslations();
  const tc = useTranslations("instrumentsUi.registers.col");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.calibrationRegister.queryOptions(inputs(filters).calibration));
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={tc("none")} onRetry={() => void q.refetch()}>
      <Table
        count={q.data?.length ?? 0}
        head={[tc("tag"), tc("name"), tc("modelSerial"), tc("department"), tc("dueInYear"), tc("calibrations"), tc("owed"), tc("stateAsOf")]}
      >
        {q.data?.map((r) => (
          <tr key={r.id} data-state={r.state} data-owed={r.owed}>
            <td className="mono">
              <Link href={`/instruments/register#${r.assetTag}`}>{r.assetTag}</Link>
            </td>
            <td className="wrap">{r.name}</td>
            <td>
              {r.model} / {r.serial}
            </td>
            <td>{t(`departments.${r.department}`)}</td>
            <td>{r.dueInYear ?? "—"}</td>
            <td className="wrap">
              {r.calibrations.length === 0
                ? "—"
                : r.calibrations.map((c) => `${c.calibratedOn} ${c.certificateNo} ${t(`instruments.calibrationResult.${c.result}`)}`).join("; ")}
            </td>
            <td>
              {r.owed ? (
                <span className="badge" data-tone="bad">
                  {t("instruments.register.owed")}
                </span>
              ) : (
                ""
              )}
            </td>
            <td>
              {t(`instruments.calibrationState.${r.state}`)} · {r.asOf}
            </td>
          </tr>
        ))}
      </Table>
    </QueryState>
  );
}
