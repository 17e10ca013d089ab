import { handle } from "@/app/api/_shared/route";
import { groupAdd } from "@/app/api/user/_ops/vault";

export const POST = handle(groupAdd);
