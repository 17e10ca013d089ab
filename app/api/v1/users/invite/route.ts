import { handle } from "@/app/api/_shared/route";
import { inviteUserLogin } from "@/app/api/v1/_ops/users";

export const POST = handle(inviteUserLogin);
