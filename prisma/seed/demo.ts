// Seeds the demo mesh through the same services the portal uses, so demo data obeys every rule.
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/auth/demo-users";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import type { DataProductSpec } from "@/lib/products/types";
import { SEED_DOMAINS } from "./domains";
import { SEED_TEMPLATES } from "./templates";
import { CUSTOMER_DATA_PRODUCT, generatedProducts } from "./products";
import { seedPolicies } from "./policies";
import { seedCompliance } from "./compliance";
import { seedHistory } from "./history";
import { seedPlatform } from "./platform";
import { seedDemoData } from "./demo-data";
import { refreshUsageRanks } from "@/lib/metrics/usage-rank";

export async function seedReferenceData(): Promise<void> {
  for (const d of SEED_DOMAINS) {
    await db.domain.upsert({ where: { slug: d.slug }, update: {}, create: { ...d } });
  }
  for (const t of SEED_TEMPLATES) {
    await db.template.upsert({
      where: { key: t.key },
      update: {},
      create: { key: t.key, name: t.name, description: t.description, config: t.config as object, defaults: t.defaults as object },
    });
  }
  await seedPolicies();
  await seedPlatform();
}

export async function seedDemoUsers(): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: { roles: u.roles },
      create: { email: u.email, name: u.name, roles: u.roles, passwordHash },
    });
    for (const [slug, role] of Object.entries(u.domains)) {
      const domain = await db.domain.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      await db.domainMembership.upsert({
        where: { userId_domainId: { userId: user.id, domainId: domain.id } },
        update: { role },
        create: { userId: user.id, domainId: domain.id, role },
      });
    }
  }
}

async function adminPrincipal(): Promise<CurrentUser> {
  const admin = await db.user.findFirstOrThrow({ where: { roles: { has: "data_admin" } } });
  return { id: admin.id, email: admin.email, name: admin.name, roles: ["data_admin"], domains: {} };
}

/** Registers products and walks a share of them through review, publication and later versions. */
export async function seedDemoProducts(): Promise<number> {
  if ((await db.dataProduct.count()) > 0) return 0;
  const admin = await adminPrincipal();
  const all = [{ spec: CUSTOMER_DATA_PRODUCT, template: "batch_analytics" as string | undefined }, ...generatedProducts()];
  // Deprecations announce a sunset date, which must lie in the future.
  const sunsetOn = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
  let i = 0;
  for (const { spec, template } of all) {
    await registerProduct(admin, spec, { templateKey: template });
    const ref = { domain: spec.domain, name: spec.name };
    const stage = i % 10;
    if (stage >= 2) await moveLifecycle(admin, ref, "in_review", "Ready for review");
    if (stage >= 4) await moveLifecycle(admin, ref, "published", "Approved");
    if (stage >= 4 && stage % 2 === 0) {
      const next: DataProductSpec = {
        ...spec,
        version: "1.1.0",
        schema: [
          ...spec.schema,
          { name: "ingested_at", type: "timestamp", description: "When the row was loaded", required: false, pii: false },
        ],
      };
      await saveProductVersion(admin, { ...ref, spec: next, changeNote: "Add ingestion timestamp" });
    }
    if (stage === 8) await moveLifecycle(admin, ref, "deprecated", "Superseded", sunsetOn);
    if (stage === 9 && i > 20) {
      await moveLifecycle(admin, ref, "deprecated", "Superseded", sunsetOn);
      await moveLifecycle(admin, ref, "retired", "No consumers left");
    }
    i++;
  }
  return all.length;
}

export async function seedDemo(): Promise<{
  products: number;
  historyEvents: number;
  compliance: Awaited<ReturnType<typeof seedCompliance>>;
  data: Awaited<ReturnType<typeof seedDemoData>> & { ms: number };
}> {
  await seedReferenceData();
  await seedDemoUsers();
  const products = await seedDemoProducts();
  // A year of success-metric history (rollout, reads, quality, access, ratings) for the dashboards.
  const history = await seedHistory();
  // The catalog ranks by the history's reads at once, without waiting for the hourly job.
  await refreshUsageRanks();
  // Last: validates every product against its policy, after the quality history it reads.
  const compliance = await seedCompliance();
  // A few published products provisioned to staging with sample rows (after the history's grants, whose
  // SQL logins the provisioning then lets read the masked views).
  const dataStarted = Date.now();
  const data = { ...(await seedDemoData()), ms: 0 };
  data.ms = Date.now() - dataStarted;
  return { products, historyEvents: history.events, compliance, data };
}
