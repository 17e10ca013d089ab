"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { ANIMALS } from "@/lib/vault/derive";
import { addEntry, addVaultGroup, generateForEntry, hostsLike, removeEntry, removeVaultGroup, updateEntry } from "@/lib/vault/vault";

const done = () => revalidatePath("/vault");

export const addGroupAction = authedAction(z.object({ name: z.string().trim().min(1, "vault.errors.groupName").max(200), parentId: z.uuid().nullable() }), async (caller, input) => {
  const g = await addVaultGroup(caller.userId, input);
  done();
  return { id: g.id };
});

export const removeGroupAction = authedAction(z.object({ id: z.uuid() }), async (caller, { id }) => {
  const removed = await removeVaultGroup(caller.userId, id);
  done();
  return { removed };
});

const entry = z.object({
  groupId: z.uuid(),
  host: z.string().trim().max(500),
  account: z.string().trim().max(500),
  complexity: z.coerce.number().int().min(1, "vault.errors.complexity").max(3, "vault.errors.complexity"),
  length: z.coerce.number().int().min(2, "vault.errors.length").max(32, "vault.errors.length"),
  lowercase: z.boolean(),
  uppercase: z.boolean(),
  digits: z.boolean(),
  symbols: z.boolean(),
}).refine((e) => e.lowercase || e.uppercase || e.digits || e.symbols, { message: "vault.errors.classes", path: ["classes"] })
  .refine((e) => e.host || e.account, { message: "vault.errors.hostOrAccount", path: ["host"] });

export const saveEntryAction = authedAction(z.object({ id: z.uuid().optional(), entry }), async (caller, { id, entry: e }) => {
  const row = id ? await updateEntry(caller.userId, id, e) : await addEntry(caller.userId, e);
  done();
  return { id: row.id };
});

export const removeEntryAction = authedAction(z.object({ id: z.uuid() }), async (caller, { id }) => {
  await removeEntry(caller.userId, id);
  done();
  return null;
});

export const hostsAction = authedAction(z.object({ filter: z.string().max(200) }), (caller, { filter }) => hostsLike(caller.userId, filter));

/** The password is returned to the browser only; it is never stored, logged or cached here. */
export const generateAction = authedAction(
  z.object({ entryId: z.uuid(), masterKey: z.string().max(1024).optional(), animal: z.enum(ANIMALS, "vault.errors.animal"), renewalDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "vault.errors.date").optional() }),
  async (caller, input) => {
    const password = await generateForEntry(caller.userId, input);
    done();
    return { password };
  },
);
