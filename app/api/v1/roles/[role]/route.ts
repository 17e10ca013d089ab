import { handle } from "@/app/api/_shared/route";
import { getRoleById, revokeRoleOp } from "@/app/api/v1/_ops/roles";

export const GET = handle(getRoleById);
export const DELETE = handle(revokeRoleOp);
