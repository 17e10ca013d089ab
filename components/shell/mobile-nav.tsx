"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ShellSection } from "./section-nav";

// The drawer (Radix dialog, focus trap, scroll lock) is ~15 KB gzip that only phones use, and only
// once the menu is opened: it loads when the pointer or focus first reaches the button.
const loadDrawer = () => import("./mobile-nav-drawer");
const MobileNavDrawer = lazy(() => loadDrawer().then((m) => ({ default: m.MobileNavDrawer })));

/** The menu button: the same before and after the drawer's code has arrived. */
export function MenuButton(props: React.ComponentProps<typeof Button>) {
  const t = useTranslations("shell");
  return (
    <Button variant="ghost" size="icon" className="md:hidden" aria-label={t("openMenu")} aria-haspopup="dialog" {...props}>
      <Menu aria-hidden />
    </Button>
  );
}

/** The navigation as a drawer below the md breakpoint, where the sidebar is hidden. */
export function MobileNav({ sections }: { sections: ShellSection[] }) {
  const [used, setUsed] = useState(false);
  const button = <MenuButton aria-expanded={false} onPointerEnter={() => void loadDrawer()} onFocus={() => void loadDrawer()} onClick={() => setUsed(true)} />;
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <MobileNavDrawer sections={sections} />
    </Suspense>
  );
}
