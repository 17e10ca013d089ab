import { handle } from "@/app/api/_shared/route";
import { createUserLogin, getSimpleAllUsers } from "@/app/api/v1/_ops/users";

export const GET = handle(getSimpleAllUsers);
export const POST = handle(createUserLogin);
