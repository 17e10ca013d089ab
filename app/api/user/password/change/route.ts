import { handle } from "@/app/api/_shared/route";
import { passwordChange } from "@/app/api/user/_ops/vault";

export const POST = handle(passwordChange);
