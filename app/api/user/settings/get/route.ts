import { handle } from "@/app/api/_shared/route";
import { settingsGet } from "@/app/api/user/_ops/vault";

export const POST = handle(settingsGet);
