export * from "./auth";
export * from "./audit";
export * from "./items";
export * from "./instruments";
export * from "./licenses";
export * from "./work-orders";
export * from "./sync";
export * from "./evidence";
