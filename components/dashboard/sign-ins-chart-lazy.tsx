"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import type { SignInDay } from "@/lib/dashboard/figures";

// Recharts is most of the chart's weight: fetched after the page shows, never in its first load.
const SignInsChart = dynamic(() => import("./sign-ins-chart"), { ssr: false, loading: () => <Skeleton className="h-56 w-full" /> });

/** The sign-ins chart, with the same figures as a table for screen readers (and before the chart loads). */
export function SignInsChartLazy({ days }: { days: SignInDay[] }) {
  return (
    <>
      {/* Hidden from assistive tech (the table carries the figures); the chart has no keyboard layer. */}
      <div aria-hidden="true">
        <SignInsChart days={days} />
      </div>
      <table className="sr-only" data-testid="sign-ins-table">
        <caption>Sign-ins per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Sign-ins</th>
            <th scope="col">Failed</th>
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
