"use client";

import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";

interface Preview {
  text: string;
  groups: { name: string }[];
  entries: { host: string; account: string }[];
}

/** base64 → bytes → (gunzip) → JSON, in the browser, to preview what an import will create. */
async function readBackup(text: string): Promise<Omit<Preview, "text">> {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
  } catch {
    throw new Error("This file is not a vault backup (not base64)");
  }
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const json = gz ? await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"))).text() : new TextDecoder().decode(bytes);
  let data: { version?: number; groups?: { name: string }[]; metadatas?: { host: string; account: string }[] };
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error("This file is not a vault backup (corrupt content)");
  }
  if (data.version !== 1 || !Array.isArray(data.groups) || !Array.isArray(data.metadatas)) throw new Error("This is not a backup made by this app");
  return { groups: data.groups, entries: data.metadatas };
}

export function BackupPanel({ groups }: { groups: { id: string; name: string }[] }) {
  const router = useRouter();
  const [group, setGroup] = useState("");
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<number>();

  function upload(p: Preview) {
    setProgress(0);
    // XHR, not fetch: it reports upload progress for large backups.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/vault/backup/import");
    xhr.setRequestHeader("content-type", "text/plain");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 90));
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || "{}");
      setProgress(undefined);
      if (xhr.status !== 200) return setError(body.error ?? "The import failed; nothing was changed");
      setPreview(undefined);
      toast.success(`Imported ${body.groups} group(s) and ${body.entries} entr${body.entries === 1 ? "y" : "ies"}`);
      router.refresh();
    };
    xhr.onerror = () => (setProgress(undefined), setError("The upload failed; nothing was changed"));
    xhr.send(p.text);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Export</CardTitle>
          <CardDescription>Download one group (with its subgroups) or everything.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Label htmlFor="export-group">What to export</Label>
          <select id="export-group" className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">Everything</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
          <Button asChild className="justify-self-start">
            <a href={`/vault/backup/export${group ? `?group=${group}` : ""}`} download>
              <Download className="size-4" aria-hidden /> Download backup
            </a>
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Import</CardTitle>
          <CardDescription>All or nothing: a bad file changes nothing.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Label htmlFor="import-file">Backup file</Label>
          <Input
            id="import-file"
            type="file"
            accept=".backup,.txt,text/plain"
            onChange={async (e) => {
              setError(undefined);
              setPreview(undefined);
              const file = e.target.files?.[0];
              if (!file) return;
              const text = await file.text();
              try {
                setPreview({ text, ...(await readBackup(text)) });
              } catch (err) {
                setError((err as Error).message);
              }
            }}
          />
          {preview && (
            <div className="grid gap-2 rounded-md border p-3 text-sm" data-testid="import-preview">
              <p className="font-medium">
                Will create {preview.groups.length} group(s) and {preview.entries.length} entr{preview.entries.length === 1 ? "y" : "ies"}:
              </p>
              <ul className="max-h-40 list-inside list-disc overflow-auto text-muted-foreground">
                {preview.entries.slice(0, 20).map((m, i) => (
                  <li key={i}>{m.host} — {m.account}</li>
                ))}
                {preview.entries.length > 20 && <li>… and {preview.entries.length - 20} more</li>}
              </ul>
              <Button className="justify-self-start" disabled={progress !== undefined} onClick={() => upload(preview)}>
                <Upload className="size-4" aria-hidden /> Import
              </Button>
            </div>
          )}
          {progress !== undefined && <Progress value={progress} aria-label="Import progress" />}
          <FormError message={error} />
        </CardContent>
      </Card>
    </div>
  );
}
