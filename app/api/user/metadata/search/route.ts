import { handle } from "@/app/api/_shared/route";
import { search } from "@/app/api/user/_ops/vault";

export const POST = handle(search);
