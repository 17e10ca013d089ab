"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { NavIcon } from "./nav-icon";
import { NavPending } from "./nav-pending";

export interface ShellSection {
  title: string;
  items: { href: string; label: string; icon: string }[];
}

/** The navigation list, in the sidebar (desktop) and in the drawer (phones). */
export function SectionNav({ sections, label, onNavigate }: { sections: ShellSection[]; label: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  // The longest nav entry containing the path wins, so /vault/backup lights "Backup", not "Passwords".
  const matches = (href: string) => pathname === href || (href !== "/account" && pathname.startsWith(`${href}/`));
  const current = sections.flatMap((s) => s.items.map((i) => i.href)).filter(matches).sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={label} className="grid gap-6 p-3">
      {sections.map((s) => (
        <div key={s.title} className="grid gap-1">
          <p className="px-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{s.title}</p>
          {s.items.map((i) => (
            <Link
              key={i.href}
              href={i.href}
              onClick={onNavigate}
              aria-current={i.href === current ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-accent hover:text-accent-foreground",
                i.href === current && "bg-accent font-medium text-accent-foreground",
              )}
            >
              <NavIcon name={i.icon} />
              {i.label}
              <NavPending />
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
