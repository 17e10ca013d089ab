import { handle } from "@/app/api/_shared/route";
import { metadataRemove } from "@/app/api/user/_ops/vault";

export const POST = handle(metadataRemove);
