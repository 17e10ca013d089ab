"use client";

import { Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { Button } from "@/components/ui/button";

/** Used signed out too (sign-in pages, API reference): its words are in `forms`, which every page has. */
export function ThemeToggle() {
  const t = useTranslations("forms.theme");
  const { resolvedTheme, setTheme } = useTheme();
  const next = resolvedTheme === "dark" ? "light" : "dark";
  return (
    <Button variant="ghost" size="icon" aria-label={next === "dark" ? t("dark") : t("light")} onClick={() => setTheme(next)}>
      <Sun className="size-4 dark:hidden" aria-hidden />
      <Moon className="hidden size-4 dark:block" aria-hidden />
    </Button>
  );
}
