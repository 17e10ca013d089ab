import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-md text-sm text-muted-foreground">The page does not exist, or you do not have access to it.</p>
      <Link href="/" className="text-sm font-medium text-primary underline underline-offset-4">
        Go to your account
      </Link>
    </div>
  );
}
