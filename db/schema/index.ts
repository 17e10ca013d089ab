export * from "./tenants";
export * from "./users";
export * from "./roles";
export * from "./groups";
export * from "./auth";
export * from "./ops";
export * from "./vault";
