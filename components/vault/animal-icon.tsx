import type { Animal } from "@/lib/vault/animals";

/**
 * The animal's silhouette, a static SVG from public/animals (Game Icons, CC BY 3.0; see the
 * LICENSE.md there): it looks the same on every machine, unlike emoji, which need a colour font
 * (and Unicode has no hyena), and costs no JavaScript. Decorative: the button carries the name.
 */
export function AnimalIcon({ animal }: { animal: Animal }) {
  // eslint-disable-next-line @next/next/no-img-element -- a 1 KB static SVG needs no image optimisation
  return <img src={`/animals/${animal.toLowerCase()}.svg`} alt="" width={32} height={32} className="size-8 dark:invert" />;
}
