import { ShieldCheck } from "lucide-react";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { ClientMessages } from "@/i18n/client-messages";

// Every page below reads the database per request.
export const dynamic = "force-dynamic";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <div className="absolute right-4 top-4">
        <ThemeToggle />
      </div>
      <div className="flex items-center gap-2 text-lg font-semibold">
        <ShieldCheck className="size-6 text-primary" aria-hidden />
        IAM Console
      </div>
      <main className="w-full max-w-md">
        <ClientMessages namespaces={["auth", "webauthn"]}>{children}</ClientMessages>
      </main>
    </div>
  );
}
