import { handle } from "@/app/api/_shared/route";
import { getTemporaryApiTokens } from "@/app/api/v1/_ops/users";

export const GET = handle(getTemporaryApiTokens);
