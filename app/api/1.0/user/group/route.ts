import { handle } from "@/app/api/_shared/route";
import { listUserGroups } from "@/app/api/1.0/_ops/users";

export const GET = handle(listUserGroups);
