// Governance policies from the seed text: the global DataGovernancePolicy and the sales, marketing and
// finance domain policies, each stored as version 1 with its history row.
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { domainPolicyFromDocument, parseDomainPolicyYaml, parseGlobalPolicyYaml } from "@/lib/governance/policies/yaml";
import { GLOBAL_POLICY_NAME } from "@/lib/governance/policies/types";

const dir = path.join(process.cwd(), "prisma", "seed", "policies");
const read = (file: string) => readFileSync(path.join(dir, file), "utf8");

export async function seedPolicies(): Promise<void> {
  if (await db.policy.findFirst({ where: { scope: "global" }, select: { id: true } })) return;
  const global = parseGlobalPolicyYaml(read("global.yaml"));
  if (!global.ok) throw new Error(`seed global policy is invalid: ${JSON.stringify(global.issues)}`);
  await db.policy.create({
    data: {
      scope: "global",
      name: GLOBAL_POLICY_NAME,
      spec: global.value.spec as unknown as object,
      versions: {
        create: { version: 1, spec: global.value.spec as unknown as object, note: "Initial global policy from the data mesh architecture" },
      },
    },
  });
  for (const slug of ["sales", "marketing", "finance"]) {
    const parsed = parseDomainPolicyYaml(read(`${slug}.yaml`), { global: global.value.spec });
    if (!parsed.ok) throw new Error(`seed ${slug} policy is invalid: ${JSON.stringify(parsed.issues)}`);
    const spec = domainPolicyFromDocument(parsed.value);
    const domain = await db.domain.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    await db.policy.create({
      data: {
        scope: "domain",
        name: parsed.value.metadata.name,
        domainId: domain.id,
        spec: spec as unknown as object,
        versions: { create: { version: 1, spec: spec as unknown as object, note: `Initial ${slug} domain policy` } },
      },
    });
  }
}
