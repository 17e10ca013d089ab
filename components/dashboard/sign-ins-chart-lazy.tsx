"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import type { SignInDay } from "@/lib/dashboard/figures";

// Recharts is most of the chart's weight: fetched after the page shows, never in its first load.
const SignInsChart = dynamic(() => import("./sign-ins-chart"), { ssr: false, loading: () => <Skeleton className="h-56 w-full" /> });

/** The sign-ins chart, with the same figures as a table for screen readers (and before the chart loads). */
export function SignInsChartLazy({ days }: { days: SignInDay[] }) {
  const t = useTranslations("dashboard.chart");
  return (
    <>
      {/* Hidden from assistive tech (the table carries the figures); the chart has no keyboard layer. */}
      <div aria-hidden="true">
        <SignInsChart days={days} />
      </div>
      <table className="sr-only" data-testid="sign-ins-table">
        <caption>{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("day")}</th>
            <th scope="col">{t("succeeded")}</th>
            <th scope="col">{t("failed")}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} data-testid="sign-ins-day" data-date={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.succeeded}</td>
              <td>{d.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
