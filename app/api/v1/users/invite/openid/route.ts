import { handle } from "@/app/api/_shared/route";
import { linkOpenIdTokenToUser } from "@/app/api/v1/_ops/users";

export const POST = handle(linkOpenIdTokenToUser);
