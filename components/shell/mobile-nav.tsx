"use client";

import { Menu } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SectionNav, type ShellSection } from "./section-nav";

/**
 * The navigation as a drawer below the md breakpoint, where the sidebar is hidden. Radix's dialog
 * gives the keyboard behaviour: focus moves in, Escape closes, focus returns to the menu button.
 */
export function MobileNav({ sections }: { sections: ShellSection[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72 gap-0 p-0">
        <SheetHeader className="border-b">
          <SheetTitle>IAM Console</SheetTitle>
          <SheetDescription className="sr-only">Navigation</SheetDescription>
        </SheetHeader>
        <SectionNav sections={sections} label="Menu" onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
