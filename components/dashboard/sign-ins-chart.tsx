"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import type { SignInDay } from "@/lib/dashboard/figures";

/** Sign-ins and failed sign-ins per day, with tooltips (Recharts: loaded on first pointer, see sign-ins-chart-on-pointer). */
export default function SignInsChart({ days }: { days: SignInDay[] }) {
  const t = useTranslations("dashboard.chart");
  const format = useFormatter();
  const config = {
    succeeded: { label: t("succeeded"), color: "var(--chart-2)" },
    failed: { label: t("failed"), color: "var(--chart-1)" },
  } satisfies ChartConfig;
  // A day is a calendar date (already in the viewer's zone): shown as is, hence UTC.
  const dayLabel = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  // No accessibilityLayer: it makes the SVG focusable inside the aria-hidden wrapper (axe
  // aria-hidden-focus); keyboard and screen-reader users get the same figures as a table.
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full">
      <BarChart data={days} accessibilityLayer={false} margin={{ left: -20, right: 4 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="date" tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} tickFormatter={dayLabel} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
        <ChartTooltip content={<ChartTooltipContent labelFormatter={(_, payload) => dayLabel(String(payload[0]?.payload?.date ?? ""))} />} />
        {/* itemSorter null: the bars' order, as the server-drawn legend (Recharts sorts by name by default). */}
        <ChartLegend itemSorter={null} content={<ChartLegendContent />} />
        <Bar dataKey="succeeded" fill="var(--color-succeeded)" radius={3} />
        <Bar dataKey="failed" fill="var(--color-failed)" radius={3} />
      </BarChart>
    </ChartContainer>
  );
}
