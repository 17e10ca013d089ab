"use client";

import { User } from "lucide-react";
import { useTranslations } from "next-intl";
import { forwardRef, lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";

export type MenuUser = { email: string; name: string };

// Radix's menu and its positioning engine are ~30 KB gzip on every signed-in page: they load when
// the pointer or focus first reaches the button, and the menu opens when that import is done.
const loadMenu = () => import("./user-menu-dropdown");
const UserMenuDropdown = lazy(() => loadMenu().then((m) => ({ default: m.UserMenuDropdown })));

/** The account button: the same look before and after the menu's code has arrived. */
export const UserMenuButton = forwardRef<HTMLButtonElement, React.ComponentProps<typeof Button> & { user: MenuUser }>(function UserMenuButton({ user, ...props }, ref) {
  const t = useTranslations("shell");
  return (
    // The visible name starts the accessible name (WCAG 2.5.3: speaking the label activates it).
    <Button ref={ref} variant="ghost" className="gap-2" aria-label={t("accountMenu", { name: user.name })} aria-haspopup="menu" {...props}>
      <User className="size-4" aria-hidden />
      <span className="hidden max-w-48 truncate sm:inline">{user.name}</span>
    </Button>
  );
});

export function UserMenu({ user }: { user: MenuUser }) {
  const [open, setOpen] = useState(false);
  const button = <UserMenuButton user={user} aria-expanded={false} onPointerEnter={() => void loadMenu()} onFocus={() => void loadMenu()} onClick={() => setOpen(true)} />;
  if (!open) return button;
  return (
    <Suspense fallback={button}>
      <UserMenuDropdown user={user} />
    </Suspense>
  );
}
