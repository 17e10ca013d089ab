import { handle } from "@/app/api/_shared/route";
import { groups } from "@/app/api/user/_ops/vault";

export const POST = handle(groups);
