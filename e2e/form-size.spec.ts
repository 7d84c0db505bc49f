// Every form is stopped before it sends more than a server action accepts (2 MB): the field holding most of
// it says why, instead of the framework's refusal reaching the user as "Something went wrong".
import { expect, test } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

test("a 3 MB policy document is stopped in the browser with a message on the editor, and nothing is sent", async ({ page }) => {
  await signInAs(page, USERS.governance);
  await page.goto("/governance/policies/global?tab=yaml");
  const editor = page.getByRole("textbox", { name: "Policy document (YAML)" });
  const yaml = await editor.inputValue();
  // Pasted at once (as a user would), in long lines: typing 3 MB key by key is not what anyone does.
  const padding = `# ${"padding ".repeat(137)}\n`.repeat(3_000);
  await editor.evaluate((el, text) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, `${yaml}\n${padding}`);
  const actionPosts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actionPosts.push(r.url());
  });
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect
    .poll(() => editor.evaluate((el) => (el as HTMLTextAreaElement).validationMessage))
    .toMatch(/^This is 3\.\d MB; a save may hold at most 2\.0 MB\./);
  expect(actionPosts).toEqual([]);
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  // Typing clears the message, and a document of normal size previews as before.
  await editor.fill(yaml);
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect.poll(() => actionPosts.length).toBeGreaterThan(0);
  expect(await editor.evaluate((el) => (el as HTMLTextAreaElement).validationMessage)).toBe("");
});
