"use client";

import { useTranslations } from "next-intl";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useJobStatus, type JobState } from "./use-job-status";

/** Polls the job until it finishes; progress lives in the database, so a reload picks it up again. */
export function JobProgress({ id, initial }: { id: string; initial: JobState }) {
  const t = useTranslations("admin.jobs");
  const { state: data, error } = useJobStatus(id, initial, t("unreadable"));
  const pct = data.total ? Math.round((data.done / data.total) * 100) : 100;
  return (
    <Card>
      <CardHeader>
        <CardTitle data-testid="job-status">{data.status === "done" ? t("finished") : data.status === "failed" ? t("failed") : data.status === "queued" ? t("queued") : t("working")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Progress value={pct} aria-label={t("progress")} />
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="job-count">
          {t("count", { done: data.done, total: data.total, pct })}
        </p>
        {data.error && <p role="alert" className="text-sm text-destructive">{data.error}</p>}
        {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      </CardContent>
    </Card>
  );
}
