import { handle } from "@/app/api/_shared/route";
import { createFlexcheckUserLogin } from "@/app/api/v1/_ops/users";

export const POST = handle(createFlexcheckUserLogin);
