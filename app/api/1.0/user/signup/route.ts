import { handle } from "@/app/api/_shared/route";
import { signup } from "@/app/api/1.0/_ops/users";

export const POST = handle(signup);
