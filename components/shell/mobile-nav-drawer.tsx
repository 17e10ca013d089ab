"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { MenuButton } from "./mobile-nav";
import { SectionNav, type ShellSection } from "./section-nav";

/**
 * Loaded on first use by MobileNav, open, in place of the button that was clicked. Radix's dialog
 * gives the keyboard behaviour: focus moves in, Escape closes, focus returns to the menu button.
 */
export function MobileNavDrawer({ sections }: { sections: ShellSection[] }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(true);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <MenuButton />
      </SheetTrigger>
      <SheetContent side="left" className="w-72 gap-0 p-0">
        <SheetHeader className="border-b">
          <SheetTitle>IAM Console</SheetTitle>
          <SheetDescription className="sr-only">{t("navigation")}</SheetDescription>
        </SheetHeader>
        <SectionNav sections={sections} label={t("menuNav")} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
