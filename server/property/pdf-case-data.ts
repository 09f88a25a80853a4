import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  propertyCases,
  propertyDocuments,
  propertyLetters,
  propertyRoundInspectors,
  propertyRoundItems,
  propertyRounds,
  users,
  type TPbxApplication,
  type TWorksProject,
} from "@/db/schema";
import { mayReadCases } from "@/domain/property/model";
import type { SessionUser } from "@/server/auth/session";
import { departmentNames } from "@/server/warehouse/registers";
import { evidenceImages, type TDepartmentNames, type TImage } from "./pdf-common";

type CaseRow = typeof propertyCases.$inferSelect;
type LetterRow = typeof propertyLetters.$inferSelect;

export interface TPrintRound {
  roundNo: number;
  status: string;
  scheduledFor: string;
  departments: string[];
  note: string;
  scheduledByName: string;
  scheduledAt: Date;
  inspectedAt: Date | null;
  submittedAt: Date | null;
  submittedByName: string | null;
  submitNote: string;
  inspectors: { name: string; department: string | null; signedAt: Date | null; signatureSha256: string | null; signature: TImage | null }[];
  items: {
    clause: string;
    group: string;
    textZh: string;
    textEn: string;
    unit: string | null;
    result: string | null;
    measurement: string;
    note: string;
    /** How many photos were taken of the item. */
    photos: number;
  }[];
}

export interface TCasePrint {
  c: CaseRow;
  createdByName: string;
  documents: { kind: string; fileName: string; mime: string; bytes: number; sha256: string; uploadedByName: string; uploadedAt: Date }[];
  rounds: TPrintRound[];
  letters: (LetterRow & { issuedByName: string })[];
  /** The works agreement's signature drawn on screen. */
  agreementSignature: TImage | null;
  departmentNames: TDepartmentNames;
  generatedAt: Date;
}

export const isPbx = (c: CaseRow): c is CaseRow & { details: TPbxApplication } => c.kind === "pbx";
export const isWorks = (c: CaseRow): c is CaseRow & { details: TWorksProject } => c.kind === "works";

const person = alias(users, "person");

/** A case's rounds with their named inspectors (and signature images) and items, in order. */
async function loadRounds(db: Db, caseId: string): Promise<TPrintRound[]> {
  const submitter = alias(users, "submitter");
  const rounds = await db
    .select({ r: propertyRounds, scheduledByName: person.displayName, submittedByName: submitter.displayName })
    .from(propertyRounds)
    .innerJoin(person, eq(person.id, propertyRounds.scheduledBy))
    .leftJoin(submitter, eq(submitter.id, propertyRounds.submittedBy))
    .where(eq(propertyRounds.caseId, caseId))
    .orderBy(asc(propertyRounds.roundNo));
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.r.id);
  const [inspectors, items] = await Promise.all([
    db.select().from(propertyRoundInspectors).where(inArray(propertyRoundInspectors.roundId, ids)).orderBy(asc(propertyRoundInspectors.name)),
    db.select().from(propertyRoundItems).where(inArray(propertyRoundItems.roundId, ids)).orderBy(asc(propertyRoundItems.sort), asc(propertyRoundItems.clause)),
  ]);
  const images = await evidenceImages(
    db,
    inspectors.map((i) => i.signatureSha256),
  );
  return rounds.map(({ r, scheduledByName, submittedByName }) => ({
    roundNo: r.roundNo,
    status: r.status,
    scheduledFor: r.scheduledFor,
    departments: r.departments,
    note: r.note,
    scheduledByName,
    scheduledAt: r.scheduledAt,
    inspectedAt: r.inspectedAt,
    submittedAt: r.submittedAt,
    submittedByName,
    submitNote: r.submitNote,
    inspectors: inspectors
      .filter((i) => i.roundId === r.id)
      .map((i) => ({
        name: i.name,
        department: i.department,
        signedAt: i.signedAt,
        signatureSha256: i.signatureSha256,
        signature: i.signatureSha256 ? (images.get(i.signatureSha256) ?? null) : null,
      })),
    items: items
      .filter((i) => i.roundId === r.id)
      .map((i) => ({
        clause: i.clause,
        group: i.group,
        textZh: i.textZh,
        textEn: i.textEn,
        unit: i.unit,
        result: i.result,
        measurement: i.measurement,
        note: i.note,
        photos: i.photoSha256s.length,
      })),
  }));
}

/**
 * What the printed form of a case needs (the PBX application form or the works acceptance record), for whoever may
 * read cases (domain mayReadCases); null otherwise or when there is no such case.
 */
export async function loadCasePrint(db: Db, user: SessionUser, id: string, now: Date): Promise<TCasePrint | null> {
  if (!mayReadCases(user)) return null;
  const [row] = await db
    .select({ c: propertyCases, createdByName: person.displayName })
    .from(propertyCases)
    .innerJoin(person, eq(person.id, propertyCases.createdBy))
    .where(eq(propertyCases.id, id));
  if (!row) return null;
  const [documents, rounds, letters] = await Promise.all([
    db
      .select({
        kind: propertyDocuments.kind,
        fileName: propertyDocuments.fileName,
        mime: propertyDocuments.mime,
        bytes: propertyDocuments.bytes,
        sha256: propertyDocuments.sha256,
        uploadedByName: person.displayName,
        uploadedAt: propertyDocuments.uploadedAt,
      })
      .from(propertyDocuments)
      .innerJoin(person, eq(person.id, propertyDocuments.uploadedBy))
      .where(eq(propertyDocuments.caseId, id))
      .orderBy(asc(propertyDocuments.uploadedAt), asc(propertyDocuments.fileName)),
    loadRounds(db, id),
    db
      .select({ l: propertyLetters, issuedByName: person.displayName })
      .from(propertyLetters)
      .innerJoin(person, eq(person.id, propertyLetters.issuedBy))
      .where(eq(propertyLetters.caseId, id))
      .orderBy(asc(propertyLetters.issuedAt)),
  ]);
  const c = row.c;
  const signatureSha = isWorks(c) ? c.details.signatureSha256 : null;
  const images = await evidenceImages(db, [signatureSha]);
  return {
    c,
    createdByName: row.createdByName,
    documents,
    rounds,
    letters: letters.map((l) => ({ ...l.l, issuedByName: l.issuedByName })),
    agreementSignature: signatureSha ? (images.get(signatureSha) ?? null) : null,
    departmentNames: await departmentNames(db),
    generatedAt: now,
  };
}

export interface TLetterPrint {
  l: LetterRow;
  c: CaseRow;
  roundNo: number;
  inspectedAt: Date | null;
  issuedByName: string;
  rectifiedByName: string | null;
  generatedAt: Date;
}

/** What the printed rectification letter (整改通知书) needs, for whoever may read cases; null otherwise. */
export async function loadLetterPrint(db: Db, user: SessionUser, id: string, now: Date): Promise<TLetterPrint | null> {
  if (!mayReadCases(user)) return null;
  const rectifier = alias(users, "rectifier");
  const [row] = await db
    .select({
      l: propertyLetters,
      c: propertyCases,
      roundNo: propertyRounds.roundNo,
      inspectedAt: propertyRounds.inspectedAt,
      issuedByName: person.displayName,
      rectifiedByName: rectifier.displayName,
    })
    .from(propertyLetters)
    .innerJoin(propertyCases, eq(propertyCases.id, propertyLetters.caseId))
    .innerJoin(propertyRounds, eq(propertyRounds.id, propertyLetters.roundId))
    .innerJoin(person, eq(person.id, propertyLetters.issuedBy))
    .leftJoin(rectifier, eq(rectifier.id, propertyLetters.rectifiedBy))
    .where(eq(propertyLetters.id, id));
  return row ? { ...row, generatedAt: now } : null;
}
