import { handle } from "@/app/api/_shared/route";
import { generate } from "@/app/api/user/_ops/vault";

export const POST = handle(generate);
