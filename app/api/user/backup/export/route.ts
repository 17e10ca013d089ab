import { handle } from "@/app/api/_shared/route";
import { backupExport } from "@/app/api/user/_ops/vault";

export const POST = handle(backupExport);
