import type { SignInDay } from "@/lib/dashboard/figures";
import { cn } from "@/lib/utils";

/** The y-axis top and step Recharts picks for [0, max] with 5 whole-number ticks (its getNiceTickValues). */
export function niceScale(max: number): { step: number; top: number } {
  if (max <= 0) return { step: 1, top: 4 };
  const rough = max / 4;
  const digits = Math.floor(Math.log10(rough)) + 1;
  const unit = 10 ** digits;
  const scale = digits === 1 ? 0.1 : 0.05;
  // The epsilon absorbs float noise (0.75 / 0.05 is 15.000000000000002).
  const step = Math.max(1, Math.ceil(Math.ceil(rough / unit / scale - 1e-9) * scale * unit - 1e-9));
  return { step, top: step * 4 };
}

/**
 * The sign-ins chart drawn on the server, without JavaScript: the same bars, axis, grid, legend and
 * colours as the Recharts chart (sign-ins-chart.tsx) that replaces it when the pointer first
 * reaches it (for its tooltips). Percentages keep it as wide as its card at any screen size.
 */
export function SignInsBars({ days, labels, dayLabel }: { days: SignInDay[]; labels: { succeeded: string; failed: string }; dayLabel: (date: string) => string }) {
  const { step, top } = niceScale(Math.max(0, ...days.map((d) => Math.max(d.succeeded, d.failed))));
  const ticks = [0, 1, 2, 3, 4].map((i) => i * step);
  const pct = (v: number) => `${(v / top) * 100}%`;
  const series = [
    { key: "succeeded", label: labels.succeeded, color: "var(--chart-2)" },
    { key: "failed", label: labels.failed, color: "var(--chart-1)" },
  ] as const;
  const columns = { gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))` };
  return (
    <div className="flex h-56 w-full flex-col py-[5px] pr-1 text-xs" data-testid="sign-ins-bars">
      <div className="flex min-h-0 flex-1">
        <div className="relative w-7 shrink-0 text-muted-foreground">
          {ticks.map((v) => (
            <span key={v} className="absolute right-2 tabular-nums" style={{ bottom: pct(v), transform: "translateY(50%)" }}>
              {v}
            </span>
          ))}
        </div>
        <div className="relative flex-1">
          {ticks.map((v) => (
            <div key={v} className="absolute inset-x-0 border-t border-border/50" style={{ bottom: pct(v) }} />
          ))}
          <div className="absolute inset-0 grid" style={columns}>
            {days.map((d) => (
              <div key={d.date} className="flex items-end gap-1 px-[10%]">
                {series.map((s) =>
                  <div key={s.key} className="flex-1 rounded-[3px]" style={{ height: pct(d[s.key]), backgroundColor: s.color }} />,
                )}
              </div>
            ))}
          </div>
        </div>
      </div>
      <div className="grid h-[30px] pt-3.5 pl-7 text-center text-muted-foreground" style={columns}>
        {days.map((d, i) => (
          // Like Recharts' minTickGap: every other day, every third on a phone, counted from today.
          <span key={d.date} className={cn("whitespace-nowrap", (days.length - 1 - i) % 2 && "invisible", (days.length - 1 - i) % 3 ? "max-sm:invisible" : "max-sm:visible")}>
            {dayLabel(d.date)}
          </span>
        ))}
      </div>
      <div className="flex items-center justify-center gap-4 pt-3">
        {series.map((s) => (
          <div key={s.key} className="flex items-center gap-1.5">
            <div className="h-2 w-2 shrink-0 rounded-[2px]" style={{ backgroundColor: s.color }} />
            {s.label}
          </div>
        ))}
      </div>
    </div>
  );
}
