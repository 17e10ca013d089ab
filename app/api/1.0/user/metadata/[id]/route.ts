import { handle } from "@/app/api/_shared/route";
import { getUser } from "@/app/api/1.0/_ops/users";

export const GET = handle(getUser);
