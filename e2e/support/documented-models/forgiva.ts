import { z } from "zod";
import type { DocumentedOperation, DocumentedSurface } from "./types";

/*
 * Transcribed from the Forgiva UserOperationsApi document (seeds/004, JavaScript client) and its
 * models as seed-apis.md §4 lists them. Domain failures are HTTP 200 with OperationResult.error;
 * an unauthenticated call is a 401 with an empty body.
 */
const OperationResult = z.strictObject({
  error: z.string().optional(),
  info: z.string().optional(),
  resultData: z.string().optional(),
  affectedRecords: z.array(z.string()).optional(),
});

const Metadata = z.strictObject({
  metadataId: z.string().optional(),
  host: z.string(),
  account: z.string(),
  lastRenewal: z.string().optional(),
  complexity: z.number(),
  generatedBefore: z.boolean().optional(),
  groupId: z.string().optional(),
});

const MetadataGroup = z.strictObject({
  groupId: z.string().optional(),
  groupName: z.string().optional(),
  parentGroupId: z.string().optional(),
  groupDescription: z.string().optional(),
});

const BASE = "/api/user";
const op = (name: string, path: string, model: z.ZodType): DocumentedOperation => ({ name: `Forgiva ${name}`, method: "POST", path: `${BASE}${path}`, success: { 200: model } });

export const forgiva: DocumentedSurface = {
  name: "Forgiva",
  prefix: `${BASE}/`,
  operations: [
    op("postUserBackupExport", "/backup/export", OperationResult),
    op("postUserBackupImport", "/backup/import", OperationResult),
    op("postUserGenerate", "/generate", z.strictObject({ result: OperationResult, generatedPassword: z.string() })),
    op("postUserMetadataAdd", "/metadata/add", OperationResult),
    op("postUserMetadataBygroup", "/metadata/by_group", z.strictObject({ metadatas: z.array(Metadata).optional(), totalRecords: z.number().optional(), startIdx: z.number().optional() })),
    op("postUserMetadataGroupAdd", "/metadata/group/add", OperationResult),
    op("postUserMetadataGroupRemove", "/metadata/group/remove", OperationResult),
    op("postUserMetadataGroups", "/metadata/groups", z.strictObject({ groups: z.array(MetadataGroup).optional() })),
    op("postUserMetadataHost", "/metadata/host", z.strictObject({ hosts: z.array(z.strictObject({ host: z.string().optional() })).optional() })),
    op("postUserMetadataRemove", "/metadata/remove", OperationResult),
    op("postUserMetadataSearch", "/metadata/search", z.strictObject({ metadata: z.array(Metadata).optional() })),
    op("postUserPasswordChange", "/password/change", OperationResult),
    // README difference: a failed read also names the reason in `error` (clients ignore it).
    op("postUserSettingsGet", "/settings/get", z.strictObject({ value: z.string(), error: z.string().optional() })),
    op("postUserSettingsSet", "/settings/set", OperationResult),
  ],
  // 401: empty body. README difference: a request that does not match the schema is 400 {error}.
  error: (status) => (status === 401 ? "empty" : OperationResult),
};
