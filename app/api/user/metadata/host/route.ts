import { handle } from "@/app/api/_shared/route";
import { hosts } from "@/app/api/user/_ops/vault";

export const POST = handle(hosts);
