import { handle } from "@/app/api/_shared/route";
import { createUserOp } from "@/app/api/1.0/_ops/users";

export const POST = handle(createUserOp);
