"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import type { SignInDay } from "@/lib/dashboard/figures";

const config = {
  succeeded: { label: "Sign-ins", color: "var(--chart-2)" },
  failed: { label: "Failed", color: "var(--chart-1)" },
} satisfies ChartConfig;

const dayLabel = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** Sign-ins and failed sign-ins per day (Recharts: loaded lazily, see sign-ins-chart-lazy). */
export default function SignInsChart({ days }: { days: SignInDay[] }) {
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full">
      <BarChart data={days} accessibilityLayer={false} margin={{ left: -20, right: 4 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="date" tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} tickFormatter={dayLabel} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
        <ChartTooltip content={<ChartTooltipContent labelFormatter={(_, payload) => dayLabel(String(payload[0]?.payload?.date ?? ""))} />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Bar dataKey="succeeded" fill="var(--color-succeeded)" radius={3} />
        <Bar dataKey="failed" fill="var(--color-failed)" radius={3} />
      </BarChart>
    </ChartContainer>
  );
}
