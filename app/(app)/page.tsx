import { redirect } from "next/navigation";
import { requirePageCaller } from "@/lib/auth/current";

export default async function Home() {
  await requirePageCaller();
  redirect("/account");
}
