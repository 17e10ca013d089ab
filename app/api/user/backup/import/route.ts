import { handle } from "@/app/api/_shared/route";
import { backupImport } from "@/app/api/user/_ops/vault";

export const POST = handle(backupImport);
