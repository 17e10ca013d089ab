import { expect, test } from "@playwright/test";

test("OpenAPI 3.1 document lists all 60 operations with schemas", async ({ request }) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>).flatMap(([p, m]) => Object.entries(m).map(([method, op]) => ({ p, method, op })));
  expect(ops).toHaveLength(60);
  expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(60);
  const login = doc.paths["/api/iambackoffice.IamBackoffice/Login"].post;
  expect(login.requestBody.content["application/json"].schema.required).toEqual(["loginId", "password"]);
  expect(doc.paths["/api/1.0/user/create"].post.responses["201"]).toBeTruthy();
  expect(doc.paths["/api/1.0/user/delete"].post.responses["202"]).toBeTruthy();
  expect(doc.paths["/api/v1/roles/{role}"].get.parameters.map((p: { name: string }) => p.name)).toContain("role");
  expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["IamBackofficeError", "QuatrixError", "BillForwardError", "ForgivaError"]));
});

test("the API reference page renders every operation offline", async ({ page }) => {
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.locator("details")).toHaveCount(60);
  const op = page.locator("details", { has: page.locator("summary", { hasText: "/api/v1/roles/{role}/permission/{resource}/{action}" }) });
  await op.locator("summary").click();
  await expect(op.getByRole("heading", { name: "Response 200" })).toBeVisible();
  await expect(op.getByRole("heading", { name: "Errors" })).toBeVisible();
  await expect(op.getByTestId("curl")).toContainText("/api/v1/roles/");
});
