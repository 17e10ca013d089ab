"use client";

import { lazy, Suspense, useState } from "react";
import type { SignInDay } from "@/lib/dashboard/figures";

// Recharts is ~120 KB gzip, most of the dashboard's JavaScript, and only adds tooltips to bars the
// server has drawn already: it loads when the pointer (mouse, pen or touch) first reaches the chart.
const loadChart = () => import("./sign-ins-chart");
const SignInsChart = lazy(loadChart);

/** Shows `children` (the server-drawn bars) until the interactive chart has loaded. */
export function SignInsChartOnPointer({ days, children }: { days: SignInDay[]; children: React.ReactNode }) {
  const [wanted, setWanted] = useState(false);
  // Move, not enter: a pointer already resting on the chart when the page hydrates never "enters" it.
  const want = () => setWanted(true);
  return (
    // Hidden from assistive tech (the table carries the figures); the chart has no keyboard layer.
    <div aria-hidden="true" data-testid="sign-ins-chart" onPointerMove={want} onPointerDown={want}>
      {wanted ? (
        <Suspense fallback={children}>
          <SignInsChart days={days} />
        </Suspense>
      ) : (
        children
      )}
    </div>
  );
}
