import type { MetadataRoute } from "next";

/** Lets a phone add the console to its home screen with a name and icon (served as /manifest.webmanifest). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "IAM Console",
    short_name: "IAM",
    description: "Identity and access administration",
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#171717",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
