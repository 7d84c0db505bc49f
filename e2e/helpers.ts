// Shared e2e helpers. Tests sign in through the auth API (not the form), as the conventions ask.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "meshport-demo";
export const USERS = {
  salesOwner: "sam.sales@meshport.local",
  marketingProducer: "mia.marketing@meshport.local",
  consumer: "carla.consumer@meshport.local",
  admin: "ada.admin@meshport.local",
  governance: "greta.governance@meshport.local",
  executive: "eli.executive@meshport.local",
} as const;

export async function signInAs(page: Page, email: string): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials callback redirects").toBe(302);
  expect(res.headers()["location"] ?? "").not.toContain("error");
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
