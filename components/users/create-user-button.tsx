"use client";

import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy } from "react";
import { OnIntent } from "@/components/forms/on-intent";
import { Button } from "@/components/ui/button";

// The dialog (and Radix's dialog machinery) loads on first use, not in the users page's first load.
const loadDialog = () => import("./create-user-dialog");
const CreateUserDialog = lazy(() => loadDialog().then((m) => ({ default: m.CreateUserDialog })));

/** "New user": opens the create-user dialog. */
export function CreateUserButton({ roles }: { roles: string[] }) {
  const t = useTranslations("admin.users.create");
  const trigger = (
    <Button>
      <UserPlus className="size-4" aria-hidden /> {t("open")}
    </Button>
  );
  return (
    <OnIntent load={loadDialog} trigger={trigger}>
      <CreateUserDialog roles={roles} trigger={trigger} defaultOpen />
    </OnIntent>
  );
}
