import { describe, expect, it } from "vitest";
import { parseGroupMap } from "@/lib/oidc-group-map";
import { groupsFromClaim, resolveGroups } from "./oidc-groups";

describe("parseGroupMap", () => {
  it("reads role and domain:role entries separated by commas, semicolons or new lines", () => {
    expect(parseGroupMap("admins=data_admin; sales=data_producer,\n sales = sales:producer ,exec=executive")).toEqual([
      { group: "admins", role: "data_admin" },
      { group: "sales", role: "data_producer" },
      { group: "sales", domain: "sales", domainRole: "producer" },
      { group: "exec", role: "executive" },
    ]);
  });
  it("keeps '=' inside a group name (the last one separates the target)", () => {
    expect(parseGroupMap("cn=admins=data_admin")).toEqual([{ group: "cn=admins", role: "data_admin" }]);
  });
  it("names the bad entry", () => {
    expect(() => parseGroupMap("admins=superuser")).toThrow(/unknown role "superuser"/);
    expect(() => parseGroupMap("sales=sales:boss")).toThrow(/unknown domain role "boss"/);
    expect(() => parseGroupMap("sales=Bad Slug:owner")).toThrow(/not a domain slug/);
    expect(() => parseGroupMap("=data_admin")).toThrow(/not group=role/);
    expect(() => parseGroupMap(" , ")).toThrow(/no entries/);
  });
});

describe("resolveGroups", () => {
  const map = parseGroupMap("admins=data_admin; sales=data_producer; sales=sales:producer; sales-leads=sales:owner; mkt=marketing:viewer");
  it("grants the union of the user's groups, the strongest domain role winning", () => {
    expect(resolveGroups(map, ["sales", "sales-leads", "unrelated"], "data_consumer")).toEqual({
      roles: ["data_producer"],
      domains: { sales: "owner" },
      managedDomains: ["sales", "marketing"],
    });
  });
  it("gives the default role when no group maps to a role", () => {
    expect(resolveGroups(map, ["mkt"], "data_consumer")).toMatchObject({ roles: ["data_consumer"], domains: { marketing: "viewer" } });
    expect(resolveGroups(map, [], "executive").roles).toEqual(["executive"]);
  });
});

describe("groupsFromClaim", () => {
  it("accepts a list or a single name, and ignores anything else", () => {
    expect(groupsFromClaim(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a")).toEqual(["a"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });
});
