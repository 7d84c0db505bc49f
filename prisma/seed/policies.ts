// Governance policies from the seed text: the global DataGovernancePolicy and three domain policies.
import { db } from "@/lib/db";

export async function seedPolicies(): Promise<void> {
  // Filled in once lib/governance's parser lands (issue 3); the foundation seeds no policy rows yet.
  void db;
}
