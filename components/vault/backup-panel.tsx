"use client";

import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";

interface Preview {
  file: File;
  groups: number;
  entries: number;
  sample: { host: string; account: string }[];
}

/** What post() says: the server's error by its code when known, else a failure of its own. */
interface PostFailures {
  status: (status: number) => string;
  network: string;
  /** The route's error code (a message key) in the reader's language, if there is a translation. */
  coded: (code: string, values?: Record<string, string>) => string | undefined;
}

/**
 * Posts the file to the import route; rejects with a readable message, even for a non-JSON reply.
 * The route's own error (the import's rules) comes in English, like every API error body, with a
 * `code` to show it translated; an error without a known code is shown as the route wrote it.
 */
function post<T>(file: File, dryRun: boolean, failures: PostFailures, onProgress?: (percent: number) => void) {
  return new Promise<T>((resolve, reject) => {
    // XHR, not fetch: it reports upload progress for large backups.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/vault/backup/import${dryRun ? "?dryRun=1" : ""}`);
    xhr.setRequestHeader("content-type", "text/plain");
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 90));
    xhr.onload = () => {
      let body: (T & { error?: string; code?: string; values?: Record<string, string> }) | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 && body) return resolve(body);
      reject(new Error((body?.code && failures.coded(body.code, body.values)) || (body?.error ?? failures.status(xhr.status))));
    };
    xhr.onerror = () => reject(new Error(failures.network));
    xhr.send(file);
  });
}

export function BackupPanel({ groups }: { groups: { id: string; name: string }[] }) {
  const t = useTranslations("vault.backup");
  const router = useRouter();
  const tAll = useTranslations();
  const failures: PostFailures = {
    status: (status) => t("serverFailed", { status }),
    network: t("uploadFailed"),
    coded: (code, values) => (tAll.has(code) ? tAll(code, values) : undefined),
  };
  const [group, setGroup] = useState("");
  const [preview, setPreview] = useState<Preview>();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<number>();

  async function importFile(p: Preview) {
    setError(undefined);
    setProgress(0);
    try {
      const r = await post<{ groups: number; entries: number }>(p.file, false, failures, setProgress);
      setPreview(undefined);
      toast.success(t("imported", { groups: r.groups, entries: r.entries }));
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>{t("export")}</CardTitle>
          <CardDescription>{t("exportDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Label htmlFor="export-group">{t("whatToExport")}</Label>
          <select id="export-group" className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{t("everything")}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
          <Button asChild className="justify-self-start">
            <a href={`/vault/backup/export${group ? `?group=${group}` : ""}`} download>
              <Download className="size-4" aria-hidden /> {t("download")}
            </a>
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("import")}</CardTitle>
          <CardDescription>{t("importDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Label htmlFor="import-file">{t("file")}</Label>
          <Input
            id="import-file"
            type="file"
            accept=".backup,.txt,text/plain"
            onChange={async (e) => {
              setError(undefined);
              setPreview(undefined);
              const file = e.target.files?.[0];
              if (!file) return;
              // The server validates with the import's own rules and writes nothing.
              setChecking(true);
              try {
                setPreview({ file, ...(await post<Omit<Preview, "file">>(file, true, failures)) });
              } catch (err) {
                setError((err as Error).message);
              } finally {
                setChecking(false);
              }
            }}
          />
          {checking && <p className="text-sm text-muted-foreground" role="status">{t("checking")}</p>}
          {preview && (
            <div className="grid gap-2 rounded-md border p-3 text-sm" data-testid="import-preview">
              <p className="font-medium">
                {t("willCreate", { groups: preview.groups, entries: preview.entries })}
              </p>
              <ul className="max-h-40 list-inside list-disc overflow-auto text-muted-foreground">
                {preview.sample.map((m, i) => (
                  <li key={i}>{m.host} — {m.account}</li>
                ))}
                {preview.entries > preview.sample.length && <li>{t("more", { count: preview.entries - preview.sample.length })}</li>}
              </ul>
              <Button className="justify-self-start" disabled={progress !== undefined} onClick={() => importFile(preview)}>
                <Upload className="size-4" aria-hidden /> {t("import")}
              </Button>
            </div>
          )}
          {progress !== undefined && <Progress value={progress} aria-label={t("progress")} />}
          <FormError message={error} />
        </CardContent>
      </Card>
    </div>
  );
}
