import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer } from "../support/api";
import { ADMIN_STATE, createUser, expectSignedIn, hydrated, signIn } from "../support/env";

/**
 * Search on any part of a word (issue 12): users by a piece of the last name or of the email, the
 * member picker likewise, keyset paging through the URL, and the vault's search as you type.
 */

/** Users in the Default tenant through the Quatrix API (name = "First Last"). */
let apiAdmin: Promise<Record<string, string>> | undefined;
async function createUsersViaApi(request: APIRequestContext, people: { email: string; name: string }[]) {
  apiAdmin ??= (async () => {
    const admin = createUser({ roles: ["admin"] });
    return bearer(request, admin.email, admin.password);
  })();
  const h = await apiAdmin;
  for (const data of people) {
    const res = await request.post("/api/1.0/user/create", { headers: h, data });
    expect(res.status(), await res.text()).toBe(201);
  }
}

test.describe("as the administrator", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a part of the last name in any case, or a middle part of the email, finds the users", async ({ page, request }) => {
    const tag = `s${Date.now().toString(36)}`;
    // The tag sits inside the last name ("Hoqs…pper"), so no email or first name holds the searched part.
    await createUsersViaApi(request, [
      { email: `grace.${tag}@example.test`, name: `Grace Ho${tag}pper` },
      { email: `ada.${tag}@example.test`, name: `Ada Ho${tag}pper` },
      { email: `alan.${tag}@elsewhere.test`, name: `Alan Turing` },
    ]);
    const rows = page.getByTestId("user-row");
    await page.goto("/admin/users");
    await page.getByLabel("Search users").fill(`${tag}PPER`.toUpperCase());
    await expect(page).toHaveURL(new RegExp(`q=${tag.toUpperCase()}PPER`));
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `grace.${tag}@` })).toHaveCount(1);
    await expect(rows.filter({ hasText: `ada.${tag}@` })).toHaveCount(1);

    // A middle part of one email: neither its start nor its end.
    await page.getByLabel("Search users").fill(`${tag.slice(1)}@elsewh`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`alan.${tag}@elsewhere.test`);

    // Two parts, both required.
    await page.getByLabel("Search users").fill(`grace ${tag}pp`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`grace.${tag}@`);
  });

  test("Next and Previous page by cursors kept in the URL, and back/forward return to each page", async ({ page, request }) => {
    const tag = `k${Date.now().toString(36)}`;
    await createUsersViaApi(request, Array.from({ length: 12 }, (_, i) => ({ email: `${tag}-${String(i).padStart(2, "0")}@example.test`, name: `Page Person${tag}` })));
    const rows = page.getByTestId("user-row");
    const pager = page.getByRole("navigation", { name: "Pagination" });
    await page.goto(`/admin/users?q=${tag}&sort=email&dir=asc&size=10`);
    await expect(rows).toHaveCount(10);
    await expect(rows.first()).toContainText(`${tag}-00@`);
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();

    await pager.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/[?&]after=[\w-]+/);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(`${tag}-10@`);
    await expect(rows.last()).toContainText(`${tag}-11@`);
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    const second = page.url();

    await pager.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(/[?&]before=[\w-]+/);
    await expect(rows).toHaveCount(10);
    await expect(rows.first()).toContainText(`${tag}-00@`);
    await expect(rows.last()).toContainText(`${tag}-09@`);

    await page.goBack();
    await expect(page).toHaveURL(second);
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(`${tag}-10@`);
    await page.goForward();
    await expect(page).toHaveURL(/[?&]before=/);
    await expect(rows.first()).toContainText(`${tag}-00@`);
    // The cursor URL is a page of its own: a reload shows the same rows.
    await page.goto(second);
    await expect(rows).toHaveCount(2);
    await expect(rows.last()).toContainText(`${tag}-11@`);
  });

  test("a group's member picker finds a user by a part of the last name", async ({ page, request }) => {
    const tag = `p${Date.now().toString(36)}`;
    const email = `linus.${Date.now().toString(36)}@example.test`;
    await createUsersViaApi(request, [{ email, name: `Linus Tor${tag}valds` }]);
    await page.goto("/admin/groups");
    await page.getByLabel("Group name").fill(`Kernel ${tag}`);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText(`Group Kernel ${tag} created`)).toBeVisible();
    await page.getByLabel("Search groups by name").fill(tag);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: `Kernel ${tag}` }).click();

    await page.getByLabel("Find a user to add").fill(`${tag}VALD`.toUpperCase());
    const found = page.getByRole("list", { name: "Matching users" });
    await expect(found.getByRole("listitem")).toHaveCount(1);
    await found.getByRole("button", { name: `Add ${email}` }).click();
    await expect(page.getByTestId("group-members")).toContainText(email);
  });
});

test("vault search filters entries as you type (no Enter) and keeps the selected group", async ({ page, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const api = async (op: string, data: object) => {
    const res = await request.post(`/api/user/${op}`, { headers: h, data });
    expect(res.status(), await res.text()).toBe(200);
    return res.json();
  };
  const top = (await api("metadata/groups", {})).groups[0].groupId as string;
  const sub = (await api("metadata/group/add", { group: { groupName: "Work", parentGroupId: top, groupDescription: "Work accounts" } })).affectedRecords[0] as string;
  const add = (groupId: string, host: string, account: string) =>
    api("metadata/add", { metadata: { host, account, complexity: 1, groupId }, passwordLength: 16, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false });
  await add(sub, "mail.northwind.example", "ops");
  await add(sub, "wiki.northwind.example", "ops");
  await add(sub, "build.contoso.example", "ci-runner");
  await add(top, "shop.northwind.example", "me");
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);

  const rows = page.getByTestId("vault-entry");
  await page.goto(`/vault?group=${sub}`);
  await expect(rows).toHaveCount(3);
  // Keys typed before hydration reach the box but not React's state, so the URL would never follow.
  await hydrated(page.getByLabel("Search host or account"));
  await page.getByLabel("Search host or account").pressSequentially("THWIN", { delay: 50 });
  await expect(page).toHaveURL(new RegExp(`group=${sub}.*q=THWIN|q=THWIN.*group=${sub}`));
  // A middle part of the host, any case; the top group's northwind entry stays out.
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "mail.northwind.example" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "wiki.northwind.example" })).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Groups" }).getByRole("link", { name: "Work" })).toHaveAttribute("aria-current", "page");

  // An account part narrows to the other entry, still within the group.
  await page.getByLabel("Search host or account").fill("i-run");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("build.contoso.example");
  await expect(page).toHaveURL(new RegExp(`group=${sub}`));
});
