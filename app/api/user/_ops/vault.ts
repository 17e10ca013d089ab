import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { changePassword } from "@/lib/account/credentials";
import { isAppError } from "@/lib/errors";
import { getSetting, setSetting } from "@/lib/settings/settings";
import { exportBackup, importBackup } from "@/lib/vault/backup";
import { ANIMALS } from "@/lib/vault/derive";
import { addEntry, addVaultGroup, GROUP_DESCRIPTION_MAX, entriesByGroup, generateForEntry, hostsLike, listVaultGroups, removeEntry, removeVaultGroup, searchEntries, VaultError, type VaultEntry, type VaultGroup } from "@/lib/vault/vault";
import { BASE, domain, forgiva, type OperationResult } from "../_shared/surface";

const common = { surface: forgiva, tag: "Forgiva UserOperationsApi", auth: "required" as const, method: "POST" as const };
const Header = z.object({ sessionId: z.string().optional(), clientAgent: z.string().optional() }).optional();
const OpResult = z.object({ error: z.string().optional(), info: z.string().optional(), resultData: z.string().optional(), affectedRecords: z.array(z.string()).optional() });
const Metadata = z.object({ metadataId: z.string().optional(), host: z.string(), account: z.string(), lastRenewal: z.string().optional(), complexity: z.number(), generatedBefore: z.boolean().optional(), groupId: z.string().optional() });
const MetadataGroup = z.object({ groupId: z.string().optional(), groupName: z.string().optional(), parentGroupId: z.string().optional(), groupDescription: z.string().optional() });

const toMetadata = (e: VaultEntry): z.infer<typeof Metadata> => ({ metadataId: e.id, host: e.host, account: e.account, lastRenewal: e.lastRenewal, complexity: e.complexity, generatedBefore: e.generatedBefore, groupId: e.groupId });
const toGroup = (g: VaultGroup): z.infer<typeof MetadataGroup> => ({ groupId: g.id, groupName: g.name, parentGroupId: g.parentId ?? "0", groupDescription: g.description });
const fail = (error: string): OperationResult => ({ error });

const ExportReq = z.object({ header: Header, metadataGroupId: z.string().optional() });
export const backupExport: OpSpec<typeof ExportReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/backup/export`,
  operationId: "Forgiva_backupExport",
  summary: "Export one group (with subgroups) or everything: base64 of gzip JSON in resultData",
  body: ExportReq,
  response: OpResult,
  run: ({ body, caller }) => domain(async () => ({ resultData: await exportBackup(caller!.userId, body.metadataGroupId || undefined) }), fail),
};

const ImportReq = z.object({ header: Header, data: z.string().min(1, "data is required") });
export const backupImport: OpSpec<typeof ImportReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/backup/import`,
  operationId: "Forgiva_backupImport",
  summary: "Recreate a backup as new groups and metadata of the caller (all or nothing)",
  body: ImportReq,
  response: OpResult,
  run: ({ body, caller }) =>
    domain(async () => {
      const r = await importBackup(caller!.userId, body.data);
      return { info: `${r.groups} group(s) and ${r.metadataIds.length} metadata imported.`, affectedRecords: r.metadataIds };
    }, fail),
};

const GenerateReq = z.object({
  header: Header,
  metadataId: z.string().min(1, "metadataId is required"),
  masterKey: z.string().max(1024).optional(),
  visualConfirmation: z.enum(ANIMALS, `visualConfirmation must be one of ${ANIMALS.join(", ")}`),
  renewalDate: z.string().optional(),
});
const GenerateResp = z.object({ result: OpResult, generatedPassword: z.string() });
export const generate: OpSpec<typeof GenerateReq, z.ZodType, z.ZodType, typeof GenerateResp> = {
  ...common,
  path: `${BASE}/generate`,
  operationId: "Forgiva_generate",
  summary: "Derive the password of a metadata for a master key and animal (never stored)",
  body: GenerateReq,
  response: GenerateResp,
  run: ({ body, caller }) =>
    domain(
      async () => ({
        result: {},
        generatedPassword: await generateForEntry(caller!.userId, { entryId: body.metadataId, masterKey: body.masterKey, animal: body.visualConfirmation, renewalDate: body.renewalDate }),
      }),
      (error) => ({ result: { error }, generatedPassword: "" }),
    ),
};

const AddReq = z.object({
  header: Header,
  metadata: Metadata,
  passwordLength: z.number().int("passwordLength must be a whole number"),
  optUppercase: z.boolean(),
  optLowercase: z.boolean(),
  optNumbers: z.boolean(),
  optSymbols: z.boolean(),
});
export const metadataAdd: OpSpec<typeof AddReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/metadata/add`,
  operationId: "Forgiva_metadataAdd",
  summary: "Store a host/account entry in a group",
  body: AddReq,
  response: OpResult,
  run: ({ body, caller }) =>
    domain(async () => {
      if (!body.metadata.groupId) throw new VaultError("Invalid metadata");
      const e = await addEntry(caller!.userId, {
        groupId: body.metadata.groupId,
        host: body.metadata.host,
        account: body.metadata.account,
        complexity: body.metadata.complexity,
        length: body.passwordLength,
        lowercase: body.optLowercase,
        uppercase: body.optUppercase,
        digits: body.optNumbers,
        symbols: body.optSymbols,
      });
      return { affectedRecords: [e.id] };
    }, fail),
};

const ByGroupReq = z.object({
  header: Header,
  groupId: z.string().optional(),
  startIdx: z.number().int("startIdx must be a whole number").min(0, "startIdx must be 0 or more").max(1_000_000_000, "startIdx must be at most 1000000000").optional(),
  count: z.number().int("count must be a whole number").min(0, "count must be 0 or more").max(1000, "count must be at most 1000").optional(),
});
const ByGroupResp = z.object({ metadatas: z.array(Metadata), totalRecords: z.number(), startIdx: z.number() });
export const metadataByGroup: OpSpec<typeof ByGroupReq, z.ZodType, z.ZodType, typeof ByGroupResp> = {
  ...common,
  path: `${BASE}/metadata/by_group`,
  operationId: "Forgiva_metadataByGroup",
  summary: "Page through a group's metadata (ordered by creation)",
  body: ByGroupReq,
  response: ByGroupResp,
  async run({ body, caller }) {
    const start = body.startIdx ?? 0;
    const { rows, total } = await entriesByGroup(caller!.userId, body.groupId || undefined, start, body.count ?? 100);
    return { metadatas: rows.map(toMetadata), totalRecords: total, startIdx: start };
  },
};

// Capped here too, so the API refuses it before any work; the response shape stays uncapped.
const GroupAddReq = z.object({
  header: Header,
  group: MetadataGroup.extend({ groupDescription: z.string().max(GROUP_DESCRIPTION_MAX, `groupDescription must be at most ${GROUP_DESCRIPTION_MAX} characters`).optional() }).optional(),
});
export const groupAdd: OpSpec<typeof GroupAddReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/metadata/group/add`,
  operationId: "Forgiva_metadataGroupAdd",
  summary: "Create a (sub)group; parentGroupId \"0\" or absent = top level",
  body: GroupAddReq,
  response: OpResult,
  run: ({ body, caller }) =>
    domain(async () => ({ affectedRecords: [(await addVaultGroup(caller!.userId, { name: body.group?.groupName ?? "", description: body.group?.groupDescription, parentId: body.group?.parentGroupId })).id] }), fail),
};

const GroupRemoveReq = z.object({ header: Header, metadataGroupId: z.string().min(1, "metadataGroupId is required") });
export const groupRemove: OpSpec<typeof GroupRemoveReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/metadata/group/remove`,
  operationId: "Forgiva_metadataGroupRemove",
  summary: "Delete a group, its subgroups and their metadata",
  body: GroupRemoveReq,
  response: OpResult,
  run: ({ body, caller }) => domain(async () => ({ info: `${await removeVaultGroup(caller!.userId, body.metadataGroupId)} metadata removed.`, affectedRecords: [body.metadataGroupId] }), fail),
};

const HeaderOnly = z.object({ header: Header });
const GroupsResp = z.object({ groups: z.array(MetadataGroup) });
export const groups: OpSpec<typeof HeaderOnly, z.ZodType, z.ZodType, typeof GroupsResp> = {
  ...common,
  path: `${BASE}/metadata/groups`,
  operationId: "Forgiva_metadataGroups",
  summary: "The caller's groups: each top-level group followed by its subgroups",
  body: HeaderOnly,
  response: GroupsResp,
  run: async ({ caller }) => ({ groups: (await listVaultGroups(caller!.userId)).map(toGroup) }),
};

const HostReq = z.object({ header: Header, filter: z.string().max(500).optional() });
const HostResp = z.object({ hosts: z.array(z.object({ host: z.string() })) });
export const hosts: OpSpec<typeof HostReq, z.ZodType, z.ZodType, typeof HostResp> = {
  ...common,
  path: `${BASE}/metadata/host`,
  operationId: "Forgiva_metadataHost",
  summary: "Distinct hosts containing the filter (autocomplete)",
  body: HostReq,
  response: HostResp,
  run: async ({ body, caller }) => ({ hosts: (await hostsLike(caller!.userId, body.filter ?? "")).map((host) => ({ host })) }),
};

const RemoveReq = z.object({ header: Header, metadataId: z.string().min(1, "metadataId is required") });
export const metadataRemove: OpSpec<typeof RemoveReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/metadata/remove`,
  operationId: "Forgiva_metadataRemove",
  summary: "Delete one metadata entry",
  body: RemoveReq,
  response: OpResult,
  run: ({ body, caller }) =>
    domain(async () => {
      await removeEntry(caller!.userId, body.metadataId);
      return { affectedRecords: [body.metadataId] };
    }, fail),
};

const SearchReq = z.object({ header: Header, criteria: z.string().max(500) });
const SearchResp = z.object({ metadata: z.array(Metadata) });
export const search: OpSpec<typeof SearchReq, z.ZodType, z.ZodType, typeof SearchResp> = {
  ...common,
  path: `${BASE}/metadata/search`,
  operationId: "Forgiva_metadataSearch",
  summary: "Substring search on host or account",
  body: SearchReq,
  response: SearchResp,
  run: async ({ body, caller }) => ({ metadata: (await searchEntries(caller!.userId, body.criteria)).map(toMetadata) }),
};

const PasswordReq = z.object({ header: Header, oldPassword: z.string().optional(), newPassword: z.string().optional() });
export const passwordChange: OpSpec<typeof PasswordReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/password/change`,
  operationId: "Forgiva_passwordChange",
  summary: "Change the login password; every session ends, this one too (as documented)",
  body: PasswordReq,
  response: OpResult,
  async run({ body, caller }) {
    try {
      await changePassword(caller!, { currentPassword: body.oldPassword ?? "", newPassword: body.newPassword ?? "" }, { endOwnSession: true });
      return { info: "Password changed. Sign in again." };
    } catch (e) {
      if (isAppError(e) && e.kind === "validation") return { error: e.field === "currentPassword" ? "Invalid current password" : e.message };
      throw e;
    }
  },
};

const SettingGetReq = z.object({ header: Header, key: z.string().optional() });
const SettingGetResp = z.object({ value: z.string(), error: z.string().optional() });
export const settingsGet: OpSpec<typeof SettingGetReq, z.ZodType, z.ZodType, typeof SettingGetResp> = {
  ...common,
  path: `${BASE}/settings/get`,
  operationId: "Forgiva_settingsGet",
  summary: "Read one setting (its default when unset)",
  body: SettingGetReq,
  response: SettingGetResp,
  async run({ body, caller }) {
    try {
      return { value: await getSetting(caller!.userId, body.key ?? "") };
    } catch (e) {
      if (isAppError(e)) return { value: "", error: e.message };
      throw e;
    }
  },
};

const SettingSetReq = z.object({ header: Header, key: z.string().optional(), value: z.string().optional() });
export const settingsSet: OpSpec<typeof SettingSetReq, z.ZodType, z.ZodType, typeof OpResult> = {
  ...common,
  path: `${BASE}/settings/set`,
  operationId: "Forgiva_settingsSet",
  summary: "Write one setting (validated and normalised)",
  body: SettingSetReq,
  response: OpResult,
  async run({ body, caller }) {
    try {
      await setSetting(caller!.userId, body.key ?? "", body.value ?? "");
      return { info: "Ok" };
    } catch (e) {
      if (isAppError(e)) return { error: e.message };
      throw e;
    }
  },
};
