import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { createRole, getRole, listRoles, retireRole, revokePermission, updateRole, type RoleWithPermissions } from "@/lib/roles/roles";
import { nameableInBillForward } from "../_shared/permissions";
import { BASE, bf, Envelope, envelope, iso, PagedEnvelope, pagedEnvelope, PagingQuery, ScopeQuery, tenantFrom } from "../_shared/surface";

const Permission = z.object({
  id: z.string(),
  organizationID: z.string(),
  roleID: z.string(),
  roleName: z.string(),
  resource: z.string(),
  action: z.string(),
  revoked: z.string().optional(),
  deleted: z.boolean(),
  created: z.string().optional(),
  updated: z.string().optional(),
  changedBy: z.string().optional(),
});
const Role = z.object({
  id: z.string(),
  organizationID: z.string(),
  name: z.string(),
  description: z.string(),
  revoked: z.string().optional(),
  deleted: z.boolean(),
  defaultRole: z.boolean(),
  defaultReturned: z.boolean(),
  permissions: z.array(Permission),
  created: z.string().optional(),
  updated: z.string().optional(),
  changedBy: z.string().optional(),
});

export function toRole(r: RoleWithPermissions): z.infer<typeof Role> {
  return {
    id: r.id,
    organizationID: r.tenantId,
    name: r.name,
    description: r.description,
    revoked: iso(r.revokedAt),
    deleted: !!r.revokedAt,
    defaultRole: r.isDefault,
    defaultReturned: false,
    permissions: r.permissions.filter(nameableInBillForward).map((p) => ({
      id: p.id,
      organizationID: r.tenantId,
      roleID: r.id,
      roleName: r.name,
      resource: p.resource,
      action: p.action,
      revoked: iso(p.revokedAt),
      deleted: !!p.revokedAt,
      created: iso(p.createdAt),
      updated: iso(p.updatedAt),
      changedBy: p.changedBy ?? undefined,
    })),
    created: iso(r.createdAt),
    updated: iso(r.updatedAt),
    changedBy: r.changedBy ?? undefined,
  };
}

const RoleEnvelope = Envelope(Role);
const RoleParams = z.object({ role: z.string().min(1) });
const PermissionParams = RoleParams.extend({ resource: z.string().min(1), action: z.string().min(1) });
const PermissionInput = z.object({ created: z.string().optional(), organizationID: z.string().optional(), resource: z.string().min(1, "resource is required").max(100), action: z.string().min(1, "action is required").max(100) });

const common = { surface: bf, tag: "BillForward SecurityApi", auth: "required" as const };

export const getAllRoles: OpSpec<z.ZodType, typeof PagingQuery, z.ZodType, ReturnType<typeof PagedEnvelope<typeof Role>>> = {
  ...common,
  method: "GET",
  path: `${BASE}/roles`,
  operationId: "BillForward_get_all_roles",
  summary: "List roles (retired ones only with include_retired)",
  query: PagingQuery,
  response: PagedEnvelope(Role),
  async run({ query, caller }) {
    const t0 = Date.now();
    const { rows, total } = await listRoles(caller!, {
      tenantId: tenantFrom(query.organizations, caller!.tenantId),
      includeRetired: query.include_retired,
      orderBy: query.order_by,
      order: query.order,
      offset: query.offset,
      records: query.records,
    });
    return pagedEnvelope(t0, rows.map(toRole), { offset: query.offset, records: query.records, total, path: `${BASE}/roles`, keep: query });
  },
};

const GetRoleQuery = ScopeQuery.extend({ include_retired: PagingQuery.shape.include_retired });

export const getRoleById: OpSpec<z.ZodType, typeof GetRoleQuery, typeof RoleParams, typeof RoleEnvelope> = {
  ...common,
  method: "GET",
  path: `${BASE}/roles/{role}`,
  operationId: "BillForward_get_role_by_id",
  summary: "One role by ID or name",
  query: GetRoleQuery,
  params: RoleParams,
  response: RoleEnvelope,
  run: async ({ query, params, caller }) =>
    envelope(Date.now(), [toRole(await getRole(caller!, params.role, { includeRetired: query.include_retired, tenantId: tenantFrom(query.organizations, caller!.tenantId) }))]),
};

const CreateRoleRequest = z.object({
  created: z.string().optional(),
  organizationID: z.string().optional(),
  name: z.string().trim().min(1, "name is required").max(100),
  description: z.string().max(1000).optional(),
  defaultRole: z.boolean().optional(),
  permissions: z.array(PermissionInput).max(200).optional(),
});

export const createRoleOp: OpSpec<typeof CreateRoleRequest, z.ZodType, z.ZodType, typeof RoleEnvelope> = {
  ...common,
  method: "POST",
  path: `${BASE}/roles`,
  operationId: "BillForward_create_role",
  summary: "Create a role with its initial permissions",
  body: CreateRoleRequest,
  response: RoleEnvelope,
  run: async ({ body, caller }) => envelope(Date.now(), [toRole(await createRole(caller!, { ...body, tenantId: body.organizationID }))]),
};

// No `permissions` here (as documented): an update never touches the role's permissions, including
// those BillForward answers cannot show.
const UpdateRoleRequest = z.object({
  created: z.string().optional(),
  organizationID: z.string().optional(),
  id: z.string().min(1, "id is required"),
  name: z.string().trim().min(1, "name must not be empty").max(100).optional(),
  description: z.string().max(1000).optional(),
  defaultRole: z.boolean().optional(),
});

export const updateRoleOp: OpSpec<typeof UpdateRoleRequest, z.ZodType, z.ZodType, typeof RoleEnvelope> = {
  ...common,
  method: "PUT",
  path: `${BASE}/roles`,
  operationId: "BillForward_update_role",
  summary: "Rename or re-describe a role; defaultRole=true unsets the previous default",
  body: UpdateRoleRequest,
  response: RoleEnvelope,
  run: async ({ body, caller }) =>
    envelope(Date.now(), [toRole(await updateRole(caller!, body.id, body, body.organizationID || undefined))]),
};

export const revokeRoleOp: OpSpec<z.ZodType, typeof ScopeQuery, typeof RoleParams, typeof RoleEnvelope> = {
  ...common,
  method: "DELETE",
  path: `${BASE}/roles/{role}`,
  operationId: "BillForward_revoke_role",
  summary: "Retire a role (deleted=true, revoked set); holders lose its permissions. Retiring the default role makes the built-in member role the default",
  query: ScopeQuery,
  params: RoleParams,
  response: RoleEnvelope,
  // The request cannot name a new default role: retiring the default one hands it to the built-in member role.
  run: async ({ query, params, caller }) => envelope(Date.now(), [toRole(await retireRole(caller!, params.role, tenantFrom(query.organizations, caller!.tenantId), { newDefault: "member" }))]),
};

export const removePermissionOp: OpSpec<z.ZodType, typeof ScopeQuery, typeof PermissionParams, typeof RoleEnvelope> = {
  ...common,
  method: "DELETE",
  path: `${BASE}/roles/{role}/permission/{resource}/{action}`,
  operationId: "BillForward_remove_permission_from_role",
  summary: "Revoke one permission from a role",
  query: ScopeQuery,
  params: PermissionParams,
  response: RoleEnvelope,
  run: async ({ query, params, caller }) =>
    envelope(Date.now(), [toRole(await revokePermission(caller!, params.role, params.resource, params.action, tenantFrom(query.organizations, caller!.tenantId)))]),
};
