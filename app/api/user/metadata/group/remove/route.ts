import { handle } from "@/app/api/_shared/route";
import { groupRemove } from "@/app/api/user/_ops/vault";

export const POST = handle(groupRemove);
