import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mfaMethods } from "@/db/schema";
import { hasAuthenticator } from "@/lib/mfa/methods";
import { makeUser } from "@/test/factories";
import { findUserById, findUserWithAuthenticator } from "./records";

describe("findUserWithAuthenticator", () => {
  it("reads the same row as findUserById and whether an authenticator app (not a PIN) is set up", async () => {
    const app = await makeUser();
    const pin = await makeUser();
    const none = await makeUser();
    await db.insert(mfaMethods).values([
      { userId: app.id, kind: "authenticator", secretEnc: "x" },
      { userId: app.id, kind: "pin", pinHash: "y" },
      { userId: pin.id, kind: "pin", pinHash: "z" },
    ]);
    for (const u of [app, pin, none]) {
      const own = await findUserWithAuthenticator(u.id);
      expect(own?.user).toEqual(await findUserById(u.id));
      expect(own?.hasAuthenticator).toBe(await hasAuthenticator(u.id));
    }
    expect((await findUserWithAuthenticator(app.id))?.hasAuthenticator).toBe(true);
    expect((await findUserWithAuthenticator(pin.id))?.hasAuthenticator).toBe(false);
    expect(await findUserWithAuthenticator("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });
});
