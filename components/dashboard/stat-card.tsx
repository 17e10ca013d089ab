import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** One figure of the dashboard, linked to where it can be acted on. */
export function StatCard({ title, value, detail, href, testId }: { title: string; value: string; detail?: string; href?: string; testId: string }) {
  const body = (
    <Card className="h-full gap-2 py-4 transition-colors hover:bg-accent/40">
      <CardHeader className="px-4">
        <CardDescription>{title}</CardDescription>
        <CardTitle className="text-2xl tabular-nums" data-testid={testId}>{value}</CardTitle>
      </CardHeader>
      {detail && <CardContent className="px-4 text-xs text-muted-foreground">{detail}</CardContent>}
    </Card>
  );
  return href ? (
    <Link href={href} className="rounded-xl focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
      {body}
    </Link>
  ) : (
    body
  );
}
