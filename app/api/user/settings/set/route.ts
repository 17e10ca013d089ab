import { handle } from "@/app/api/_shared/route";
import { settingsSet } from "@/app/api/user/_ops/vault";

export const POST = handle(settingsSet);
