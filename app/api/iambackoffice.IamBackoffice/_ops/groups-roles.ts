import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import type { Caller } from "@/lib/authz/caller";
import { addMembers, createGroup, listGroups } from "@/lib/groups/groups";
import { assignRoles, memberByLogin, unassignRoles } from "@/lib/roles/roles";
import { BASE, iam } from "../_shared/rpc";
import { loginIdentifier, nameList } from "@/lib/input/schemas";

const tenantOf = (caller: Caller, tenantId?: string) => (tenantId && tenantId.length ? tenantId : caller.tenantId);

/** loginId is an email address or a username. */
const RolesRequest = z.object({
  loginId: loginIdentifier("loginId"),
  tenantId: z.string().optional(),
  roleCodes: nameList(z.string().min(1), "roleCodes").min(1, "roleCodes must name at least one role"),
});
const RolesResponse = z.object({ roleCodes: z.array(z.string()) });

export const AssignRoles: OpSpec<typeof RolesRequest, z.ZodType, z.ZodType, typeof RolesResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/AssignRoles`,
  operationId: "IamBackoffice_AssignRoles",
  summary: "Add role codes to the user's registration in the tenant; returns the resulting roles",
  tag: "IamBackoffice",
  auth: "required",
  body: RolesRequest,
  response: RolesResponse,
  async run({ body, caller }) {
    const tenantId = tenantOf(caller!, body.tenantId);
    return { roleCodes: await assignRoles(caller!, await memberByLogin(caller!, body.loginId, tenantId), tenantId, body.roleCodes) };
  },
};

export const UnassignRoles: OpSpec<typeof RolesRequest, z.ZodType, z.ZodType, typeof RolesResponse> = {
  ...AssignRoles,
  path: `${BASE}/UnassignRoles`,
  operationId: "IamBackoffice_UnassignRoles",
  summary: "Remove role codes from the user's registration; returns the remaining roles",
  async run({ body, caller }) {
    const tenantId = tenantOf(caller!, body.tenantId);
    return { roleCodes: await unassignRoles(caller!, await memberByLogin(caller!, body.loginId, tenantId), tenantId, body.roleCodes) };
  },
};

const AssignToGroupRequest = z.object({
  tenantId: z.string().optional(),
  userId: z.string().min(1, "userId is required"),
  groupId: z.string().min(1, "groupId is required"),
});
const Empty = z.object({});

export const AssignUserToGroup: OpSpec<typeof AssignToGroupRequest, z.ZodType, z.ZodType, typeof Empty> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/AssignUserToGroup`,
  operationId: "IamBackoffice_AssignUserToGroup",
  summary: "Add a user to a group",
  tag: "IamBackoffice",
  auth: "required",
  body: AssignToGroupRequest,
  response: Empty,
  async run({ body, caller }) {
    await addMembers(caller!, body.groupId, [body.userId]);
    return {};
  },
};

const CreateGroupRequest = z.object({
  tenantId: z.string().optional(),
  name: z.string().trim().min(1, "name is required").max(200),
  data: z.record(z.string(), z.string()).optional(),
});
const CreateGroupResponse = z.object({ group: z.object({ id: z.string() }) });

export const CreateGroup: OpSpec<typeof CreateGroupRequest, z.ZodType, z.ZodType, typeof CreateGroupResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/CreateGroup`,
  operationId: "IamBackoffice_CreateGroup",
  summary: "Create a group with free-form string data",
  tag: "IamBackoffice",
  auth: "required",
  body: CreateGroupRequest,
  response: CreateGroupResponse,
  run: async ({ body, caller }) => ({ group: { id: (await createGroup(caller!, { tenantId: tenantOf(caller!, body.tenantId), name: body.name, data: body.data })).id } }),
};

const SearchGroupsRequest = z.object({
  tenantId: z.string().optional(),
  filters: z.object({ data: z.record(z.string(), z.string()).optional() }).optional(),
  filtersMask: z.string().optional(),
});
const SearchGroupsResponse = z.object({ groups: z.array(z.object({ id: z.string() })) });

/**
 * filtersMask is a protobuf FieldMask: "data" applies every data filter, "data.<key>" only the
 * named keys. Without a mask, every filter given is applied.
 */
export function activeDataFilters(data: Record<string, string> = {}, mask?: string) {
  if (!mask?.trim()) return data;
  const paths = mask.split(",").map((p) => p.trim()).filter(Boolean);
  if (paths.includes("data") || paths.includes("filters.data")) return data;
  const keys = paths.map((p) => p.replace(/^filters\./, "")).filter((p) => p.startsWith("data.")).map((p) => p.slice(5));
  return Object.fromEntries(Object.entries(data).filter(([k]) => keys.includes(k)));
}

export const SearchGroups: OpSpec<typeof SearchGroupsRequest, z.ZodType, z.ZodType, typeof SearchGroupsResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/SearchGroups`,
  operationId: "IamBackoffice_SearchGroups",
  summary: "Groups of the tenant whose data contains all the active key/value filters",
  tag: "IamBackoffice",
  auth: "required",
  body: SearchGroupsRequest,
  response: SearchGroupsResponse,
  async run({ body, caller }) {
    const data = activeDataFilters(body.filters?.data, body.filtersMask);
    const { rows } = await listGroups(caller!, { tenantId: tenantOf(caller!, body.tenantId), data, pageSize: 200 });
    return { groups: rows.map((g) => ({ id: g.id })) };
  },
};
