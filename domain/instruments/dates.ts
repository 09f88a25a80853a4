/** The instrument rules' days: the shared calendar and operator clock (domain/time), under their old import path. */
export * from "@/domain/time/calendar";
export { localDateOf, OPERATOR_TIME_ZONE, operatorDay, operatorToday } from "@/domain/time/operator";
