import { handle } from "@/app/api/_shared/route";
import { getCurrentUser } from "@/app/api/v1/_ops/users";

export const GET = handle(getCurrentUser);
