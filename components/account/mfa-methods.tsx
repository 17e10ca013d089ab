"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { disableMfaAction, regenerateCodesAction } from "@/app/(app)/account/actions";
import { CodeDialog } from "@/components/forms/code-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RecoveryCodes } from "./recovery-codes";

interface Method {
  id: string;
  kind: string;
  createdAt: string;
}

export function MfaMethods({ methods, remainingCodes, forced }: { methods: Method[]; remainingCodes: number; forced: boolean }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor is on <Badge variant="secondary">{forced ? "Required" : "Optional"}</Badge>
        </CardTitle>
        <CardDescription>{remainingCodes} unused recovery code(s) left.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ul className="divide-y rounded-md border">
          {methods.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-4 p-3 text-sm">
              <div>
                <p className="font-medium">{m.kind === "authenticator" ? "Authenticator app" : "PIN (set by an administrator)"}</p>
                <p className="text-muted-foreground">Added {new Date(m.createdAt).toLocaleString()}</p>
              </div>
              {m.kind === "authenticator" && (
                <CodeDialog
                  trigger={<Button variant="outline" size="sm">Remove</Button>}
                  title="Remove authenticator?"
                  description={forced && methods.length === 1 ? "Your organisation requires two-factor; the last method cannot be removed." : "Enter a current code to confirm."}
                  confirmLabel="Remove"
                  destructive
                  onSubmit={async (code) => {
                    const res = await disableMfaAction({ methodId: m.id, code });
                    if (!res.ok) return res.fieldErrors?.code ?? res.message;
                    toast.success("Authenticator removed");
                    router.refresh();
                    return null;
                  }}
                />
              )}
            </li>
          ))}
        </ul>
        {codes ? (
          <RecoveryCodes codes={codes} />
        ) : (
          <CodeDialog
            trigger={<Button variant="outline" className="justify-self-start">New recovery codes</Button>}
            title="Create new recovery codes?"
            description="The old codes stop working. Enter a current code to confirm."
            confirmLabel="Create codes"
            onSubmit={async (code) => {
              const res = await regenerateCodesAction({ code });
              if (!res.ok) return res.fieldErrors?.code ?? res.message;
              setCodes(res.data.recoveryCodes);
              toast.success("New recovery codes created");
              return null;
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
