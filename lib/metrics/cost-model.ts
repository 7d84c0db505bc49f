// The cost model behind "cost reduction": kept in the settings table, edited by data admins, validated
// here. It is a MODEL (assumed monthly costs), and every screen that shows its result says so.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { DEFAULT_COST_MODEL, type CostModel } from "@/lib/metrics/formulas";

export const COST_MODEL_KEY = "metrics.cost_model";

const money = z.coerce
  .number("Enter an amount.")
  .min(0, "Costs cannot be negative.")
  .max(10_000_000, "That is more than 10 million a month.");

export const costModelSchema = z.object({
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, "Use a three-letter currency code such as EUR."),
  centralBaselineMonthly: money,
  templateMonthly: z.record(z.string().regex(/^[a-z0-9_]+$/), money),
});

export async function getCostModel(): Promise<CostModel> {
  const row = await db.setting.findUnique({ where: { key: COST_MODEL_KEY }, select: { value: true } });
  const parsed = costModelSchema.safeParse(row?.value);
  return parsed.success
    ? { ...parsed.data, templateMonthly: { ...DEFAULT_COST_MODEL.templateMonthly, ...parsed.data.templateMonthly } }
    : DEFAULT_COST_MODEL;
}

export async function saveCostModel(user: CurrentUser, input: unknown): Promise<CostModel> {
  await assertCan(user, "manageRollout", [], {
    action: "save_cost_model",
    resource: "cost_model",
    message: "Only data admins can change the cost model.",
  });
  const r = costModelSchema.safeParse(input);
  if (!r.success) {
    // Template costs arrive as templateMonthly.<key>: flatten their paths so each input shows its own error.
    const errors: Record<string, string[]> = {};
    for (const issue of r.error.issues) {
      const key = issue.path.join(".");
      (errors[key] ??= []).push(issue.message);
    }
    throw new ValidationError("Please fix the highlighted fields.", errors);
  }
  await db.setting.upsert({ where: { key: COST_MODEL_KEY }, create: { key: COST_MODEL_KEY, value: r.data }, update: { value: r.data } });
  return r.data;
}
