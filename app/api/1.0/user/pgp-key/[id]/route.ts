import { handle } from "@/app/api/_shared/route";
import { getPgpKeyOp } from "@/app/api/1.0/_ops/users";

export const GET = handle(getPgpKeyOp);
