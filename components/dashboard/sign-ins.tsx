import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInDay } from "@/lib/dashboard/figures";
import { SignInsBars } from "./sign-ins-bars";
import { SignInsChartOnPointer } from "./sign-ins-chart-on-pointer";

/** The sign-ins chart, with the same figures as a table for screen readers. */
export async function SignIns({ days }: { days: SignInDay[] }) {
  const t = await getTranslations("dashboard.chart");
  const format = await getFormatter();
  // A day is a calendar date (already in the viewer's zone): shown as is, hence UTC (as sign-ins-chart).
  const dayLabel = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  return (
    <>
      <SignInsChartOnPointer days={days}>
        <SignInsBars days={days} labels={{ succeeded: t("succeeded"), failed: t("failed") }} dayLabel={dayLabel} />
      </SignInsChartOnPointer>
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
