import { handle } from "@/app/api/_shared/route";
import { createRoleOp, getAllRoles, updateRoleOp } from "@/app/api/v1/_ops/roles";

export const GET = handle(getAllRoles);
export const POST = handle(createRoleOp);
export const PUT = handle(updateRoleOp);
