import { expect, test } from "@playwright/test";

test("GET /api/health answers while the process is alive", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(await res.json()).toEqual({ status: "ok" });
});

test("GET /api/ready reports the database reachable and every migration applied", async ({ request }) => {
  const res = await request.get("/api/ready");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ready", ready: true, database: "ok" });
  expect(body.migrations.applied).toBe(body.migrations.expected);
  expect(body.migrations.expected).toBeGreaterThan(0);
});
