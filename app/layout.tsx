import type { Metadata } from "next";
import { headers } from "next/headers";
import { Providers } from "@/components/shell/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IAM Console", template: "%s · IAM Console" },
  description: "Identity and access administration",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP nonce of this request (proxy.ts), for the one inline script we render ourselves: next-themes'.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
