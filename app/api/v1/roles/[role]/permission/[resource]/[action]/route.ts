import { handle } from "@/app/api/_shared/route";
import { removePermissionOp } from "@/app/api/v1/_ops/roles";

export const DELETE = handle(removePermissionOp);
