// The domain services check what they are given themselves (hidden inputs included), so an action, a
// script and a test are refused alike and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, archiveDomain, removeMember, updateDomain } from "@/lib/domains/service";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createDomain, createPrincipal, uid } from "@/prisma/seed/factories";

let admin: CurrentUser;
let member: CurrentUser;
let slug: string;

beforeAll(async () => {
  admin = await createPrincipal(["data_admin"]);
  slug = `writes-${uid()}`;
  await createDomain({ slug });
  member = await createPrincipal(["data_producer"], { [slug]: "producer" });
});

describe("domain writes refuse tampered hidden inputs", () => {
  it("a domain reference that is not a slug names no domain, and nothing changes", async () => {
    const before = await db.domain.findUniqueOrThrow({ where: { slug }, select: { name: true, status: true } });
    for (const bad of [undefined, "", "Not A Slug", `${slug}'--`, 42]) {
      await expect(updateDomain(admin, bad, { name: "Renamed", ownerTeam: "team@example.com" })).rejects.toThrow(
        new ValidationError("This domain does not exist."),
      );
      await expect(archiveDomain(admin, bad)).rejects.toThrow(new ValidationError("This domain does not exist."));
    }
    expect(await db.domain.findUniqueOrThrow({ where: { slug }, select: { name: true, status: true } })).toEqual(before);
  });

  it("removing a member needs a real user id; a bad one removes nobody", async () => {
    await expect(removeMember(admin, slug, "not-a-uuid")).rejects.toThrow(new ValidationError("Unknown member."));
    expect(await db.domainMembership.count({ where: { userId: member.id, domain: { slug } } })).toBe(1);
  });

  it("an archived domain takes no new members, whoever calls", async () => {
    const archived = `archived-${uid()}`;
    await createDomain({ slug: archived });
    await archiveDomain(admin, archived);
    await expect(addMember(admin, archived, { email: member.email, role: "viewer" })).rejects.toThrow(
      new ConflictError("This domain is archived; members can no longer be added."),
    );
    expect(await db.domainMembership.count({ where: { domain: { slug: archived } } })).toBe(0);
  });
});
