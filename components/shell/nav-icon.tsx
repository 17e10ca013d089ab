import { Building2, FileText, House, KeyRound, LayoutGrid, Lock, Mail, Monitor, Settings, Shield, Smartphone, User, Users, Vault } from "lucide-react";

const ICONS = { home: House, user: User, key: KeyRound, smartphone: Smartphone, monitor: Monitor, mail: Mail, users: Users, shield: Shield, building: Building2, file: FileText, grid: LayoutGrid, lock: Lock, settings: Settings, vault: Vault };

/** Icons are named in the server-side nav config, since components cannot cross to the client. */
export function NavIcon({ name }: { name: string }) {
  const Icon = ICONS[name as keyof typeof ICONS] ?? LayoutGrid;
  return <Icon className="size-4" aria-hidden />;
}
