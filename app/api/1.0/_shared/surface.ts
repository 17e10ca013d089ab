import { STATUS, type Surface } from "@/app/api/_shared/surface";

/** Quatrix ErrorModel `{msg, code}`; an address already in use is the documented code 31. */
const CODE = { validation: 1, unauthenticated: 2, forbidden: 3, not_found: 4, conflict: 30, rate_limited: 8, precondition: 5, too_large: 1, internal: -1 } as const;

export const quatrix: Surface = {
  name: "Quatrix",
  error(kind, message, field) {
    const taken = kind === "conflict" && field === "email";
    return {
      status: kind === "conflict" ? 400 : STATUS[kind],
      body: { msg: taken ? "Email is already taken" : message, code: taken ? 31 : CODE[kind], ...(field ? { details: { field } } : {}) },
    };
  },
};

export const BASE = "/api/1.0";
export const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : undefined);
