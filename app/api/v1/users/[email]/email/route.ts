import { handle } from "@/app/api/_shared/route";
import { updateEmail } from "@/app/api/v1/_ops/users";

export const PUT = handle(updateEmail);
