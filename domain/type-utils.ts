/** Type helpers shared by the composition roots (server/sync/domains.ts, client/sync/domains.ts). Types only. */

/** `A | B` → `A & B`: the records several domains declare, as one. */
export type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
