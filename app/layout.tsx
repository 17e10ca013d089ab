import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { Providers } from "@/components/shell/providers";
import { ClientMessages } from "@/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: { default: "IAM Console", template: "%s · IAM Console" },
    description: (await getTranslations("meta"))("appDescription"),
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP nonce of this request (proxy.ts), for the one inline script we render ourselves: next-themes'.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // The user's language setting, else the browser's (i18n/request.ts).
  const locale = await getLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <ClientMessages namespaces={[]}>
          <Providers nonce={nonce}>{children}</Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
