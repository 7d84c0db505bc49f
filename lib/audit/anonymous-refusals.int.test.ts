// The counter behind anonymous refusals, against the real PostgreSQL, inside one transaction that is
// rolled back: now() is fixed for a transaction, so every call lands in the same window, and that window
// starts empty for the test without touching anyone else's counts.
import { describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db";
import { countAnonymousRefusal, FIRST_ROWS_PER_WINDOW, WINDOW_SECONDS } from "@/lib/audit/anonymous-refusals";

class Rollback extends Error {}

const emptyWindow = (tx: Tx) =>
  tx.$executeRaw`DELETE FROM anonymous_refusals WHERE window_start = to_timestamp(floor(extract(epoch FROM now()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS})`;

describe("countAnonymousRefusal", () => {
  it("counts every repeat on its key, stores at most FIRST_ROWS_PER_WINDOW keys, and asks for the right audit rows", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await emptyWindow(tx);
        const count = (resource: string) => countAnonymousRefusal("export_policy", resource, tx);

        expect(await count("policy:a")).toMatchObject({ total: 1, first: true, overflow: false, summary: false });
        expect(await count("policy:a")).toMatchObject({ total: 2, first: false, overflow: false });
        for (let i = 1; i < FIRST_ROWS_PER_WINDOW; i++) expect((await count(`policy:k${i}`)).first).toBe(true);
        // The window now holds FIRST_ROWS_PER_WINDOW keys: the next new key is the one overflow note, later ones nothing.
        expect(await count("policy:over-1")).toMatchObject({ first: false, overflow: true });
        expect(await count("policy:over-2")).toMatchObject({ first: false, overflow: false });
        // Known keys are still counted one by one; the window's total passes 10 once.
        const repeats = await Promise.all(Array.from({ length: 3 }, () => count("policy:a")));
        expect(repeats.every((r) => !r.first && !r.overflow)).toBe(true);

        const window = (await count("policy:a")).window; // the fifth refusal of policy:a
        const rows = await tx.anonymousRefusal.findMany({
          where: { windowStart: window },
          select: { action: true, resource: true, count: true },
        });
        const byKey = new Map(rows.map((r) => [`${r.action} ${r.resource}`, r.count]));
        const total = 2 + (FIRST_ROWS_PER_WINDOW - 1) + 2 + 3 + 1;
        expect(byKey.get("* *")).toBe(total);
        expect(byKey.get("export_policy policy:a")).toBe(6);
        expect(byKey.has("export_policy policy:over-1")).toBe(false);
        expect(rows.filter((r) => r.action === "export_policy")).toHaveLength(FIRST_ROWS_PER_WINDOW);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it("asks for a summary row when the window's total reaches 10, 100, …", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await emptyWindow(tx);
        const summaries: number[] = [];
        for (let i = 0; i < 100; i++) {
          const r = await countAnonymousRefusal("read", "data_product:x", tx);
          if (r.summary) summaries.push(r.total);
        }
        expect(summaries).toEqual([10, 100]);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
