/**
 * Audit payloads of data analysis (spread into domain/audit/events.ts's union, ADR 0041): the weights set, a survey
 * drawn, answered and closed, a target set, a month's figure entered, a fishbone saved, a report generated.
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CAUSE_CATEGORIES } from "@/domain/quality/model";
import { SATISFACTION_ELEMENTS, SATISFACTION_ITEMS } from "./satisfaction";
import { INDICATORS } from "./targets";
import { REPORT_KINDS, SURVEY_CHANNELS, SURVEY_CONTACT_STATUSES } from "./schemas";

export const ANALYSIS_AUDIT_EVENTS = [
  z.object({
    name: z.literal("satisfaction.weightsSet"),
    payload: z.object({ year: z.number().int(), version: z.number().int(), weights: z.record(z.enum(SATISFACTION_ITEMS), z.number()), note: z.string() }),
  }),
  z.object({
    name: z.literal("survey.drawn"),
    payload: z.object({ code: z.string(), year: z.number().int(), seed: z.number().int(), sampleSize: z.number().int(), frameSize: z.number().int() }),
  }),
  z.object({
    name: z.literal("survey.recorded"),
    payload: z.object({
      code: z.string(),
      seq: z.number().int(),
      status: z.enum(SURVEY_CONTACT_STATUSES),
      channel: z.enum(SURVEY_CHANNELS),
      version: z.number().int(),
      /** What was recorded (a correction overwrites the row; the chain keeps each version). */
      answers: z.partialRecord(z.enum(SATISFACTION_ELEMENTS), z.number().int().nullable()).nullable().optional(),
      comment: z.string().optional(),
    }),
  }),
  z.object({
    name: z.literal("survey.closed"),
    payload: z.object({ code: z.string(), responded: z.number().int(), sampleSize: z.number().int() }),
  }),
  z.object({
    name: z.literal("target.set"),
    payload: z.object({
      year: z.number().int(),
      department: z.enum(DEPARTMENTS),
      indicator: z.enum(INDICATORS),
      target: z.number(),
      control: z.number().nullable(),
      version: z.number().int(),
    }),
  }),
  z.object({
    name: z.literal("targetFigure.entered"),
    payload: z.object({
      year: z.number().int(),
      month: z.number().int(),
      department: z.enum(DEPARTMENTS),
      indicator: z.enum(INDICATORS),
      value: z.number(),
      version: z.number().int(),
    }),
  }),
  z.object({
    name: z.literal("fishbone.saved"),
    payload: z.object({
      code: z.string(),
      version: z.number().int(),
      problem: z.string(),
      actionId: z.string().nullable(),
      nonconformityId: z.string().nullable(),
      /** The causes as saved, by category (an edit overwrites the row; the chain keeps each version). */
      causes: z.partialRecord(z.enum(CAUSE_CATEGORIES), z.array(z.string())).optional(),
    }),
  }),
  z.object({
    name: z.literal("report.generated"),
    payload: z.object({ kind: z.enum(REPORT_KINDS), periodKey: z.string(), revision: z.number().int(), scheduled: z.boolean() }),
  }),
] as const;
