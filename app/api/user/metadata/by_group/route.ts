import { handle } from "@/app/api/_shared/route";
import { metadataByGroup } from "@/app/api/user/_ops/vault";

export const POST = handle(metadataByGroup);
