"use client";

import { LogOut } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { signOutAction } from "@/app/(app)/_actions/session";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { UserMenuButton, type MenuUser } from "./user-menu";

/**
 * Loaded on first use by UserMenu, in place of the plain button that was clicked, already open:
 * Radix moves focus into the menu and, on close, back to this trigger.
 */
export function UserMenuDropdown({ user }: { user: MenuUser }) {
  const t = useTranslations("shell");
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <UserMenuButton user={user} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="truncate font-normal text-muted-foreground">{user.email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">{t("profile")}</Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          onSelect={async () => {
            await signOutAction({});
            // A full load, so nothing of the signed-in pages stays in the router's cache.
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the signed-in router cache
            window.location.assign("/login");
          }}
        >
          <LogOut className="size-4" aria-hidden />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
