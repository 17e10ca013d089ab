import { handle } from "@/app/api/_shared/route";
import { metadataAdd } from "@/app/api/user/_ops/vault";

export const POST = handle(metadataAdd);
