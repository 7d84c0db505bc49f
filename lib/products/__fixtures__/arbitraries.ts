// fast-check generators for valid specs, one per constraint of productSpecSchema (schema.ts). Tests assert
// that every generated spec passes the schema, so a drift between the two shows up as a failing test.
import fc from "fast-check";
import { identifierPart, isReservedColumnName } from "@/lib/products/db-identifiers";
import { CLASSIFICATIONS, FIELD_TYPES, PERMISSIONS } from "@/lib/products/types";
import type { DataProductSpec, GovernanceDeclarations } from "@/lib/products/types";

const dnsLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
const fieldName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,62}$/).filter((name) => !isReservedColumnName(name));
const roleName = fc.oneof(fc.constantFrom("data-analyst", "data-scientist", "data_consumer"), fc.stringMatching(/^[a-z][a-z0-9_-]{0,30}$/));
const tag = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,49}$/);

const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,15}[a-z0-9])?$/), fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), fc.constantFrom("com", "org", "io", "example"))
  .filter(([local]) => !local.includes(".."))
  .map(([local, host, tld]) => `${local}@${host}.${tld}`);

const numericId = fc.oneof(fc.nat({ max: 20 }), fc.maxSafeNat()).map(String);
const prereleaseId = fc.oneof(numericId, fc.stringMatching(/^[0-9]*[a-zA-Z-][0-9a-zA-Z-]{0,8}$/));
export const versionArb = fc
  .tuple(numericId, numericId, numericId, fc.array(prereleaseId, { maxLength: 3 }))
  .map(([major, minor, patch, pre]) => `${major}.${minor}.${patch}${pre.length > 0 ? `-${pre.join(".")}` : ""}`);

// Text that YAML finds awkward: indicators, comments, reserved words, line breaks, quotes, unicode.
const awkward = fc.constantFrom(
  "yes", "no", "on", "null", "~", "true", "1.0", "0x1F", "1e3", "- item", "# not a comment", "a: b", "{x}", "[y]",
  "'single'", '"double"', "trailing  ", "  leading", "line\nbreak", "crlf\r\nline", "tab\tbed", "ünïcødé ✓ 🚀",
  "back\\slash", "%YAML", "---", "...", "&anchor", "*alias", "!tag", "@at", "`tick`", "|", ">", "\u0000nul", "\u2028sep",
);
const text = (maxLength: number) =>
  fc
    .oneof(fc.string({ unit: "grapheme", maxLength }), fc.string({ unit: "binary", maxLength }), awkward, fc.array(awkward, { maxLength: 4 }).map((parts) => parts.join(" ")))
    .map((s) => s.slice(0, maxLength))
    .filter((s) => s.isWellFormed());
const description = text(300).filter((s) => s.trim().length > 0);
const lineageEntry = text(60).map((s) => s.replace(/[,\r\n]/g, "").trim()).filter((s) => s.length > 0);
// The seed format's strings, and structured sources (lib/products/lineage-source.ts): an upstream product or a system.
const productRef = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)).map(([d, n]) => `${d}/${n}`);
const lineageSource = fc.oneof(
  lineageEntry,
  fc
    .record(
      {
        product: productRef,
        dataset: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,20}$/),
        fields: fc.array(fc.record({ from: fieldName, to: fc.option(fieldName, { nil: undefined }) }), { maxLength: 3 }),
        transformation: lineageEntry,
      },
      { requiredKeys: ["product"] },
    )
    .map((s) => ({ ...s, fields: s.fields?.map((f) => (f.to === undefined ? { from: f.from } : f)) })),
  fc.record({ system: lineageEntry, transformation: lineageEntry }, { requiredKeys: ["system"] }),
);

const field = fc.record({
  name: fieldName,
  type: fc.constantFrom(...FIELD_TYPES),
  description: text(120),
  required: fc.boolean(),
  pii: fc.boolean(),
});

const minutes = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer({ min: 1, max: 1_000 }).map((n) => n * 60),
  fc.integer({ min: 1, max: 1_000 }).map((n) => n * 1440),
  fc.maxSafeNat().filter((n) => n > 0),
);
const milliseconds = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer({ min: 1, max: 1_000 }).map((n) => n * 1000),
  fc.integer({ min: 1, max: 100 }).map((n) => n * 3_600_000),
  fc.maxSafeNat().filter((n) => n > 0),
);

// -0 is left out on purpose: it is a valid number but prints as "0", and deep equality tells them apart.
const availability = fc.oneof(
  fc.constantFrom(0, 90, 99, 99.5, 99.9, 99.95, 99.999, 100),
  fc.double({ min: 0, max: 100, noNaN: true }),
).filter((n) => !Object.is(n, -0));

const governance: fc.Arbitrary<GovernanceDeclarations> = fc.record(
  {
    encryption: fc.boolean(),
    retention: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("day", "days", "week", "weeks", "month", "months", "year", "years")).map(([n, unit]) => `${n}_${unit}`),
    purpose: description.map((s) => s.slice(0, 500)),
    erasure: fc.boolean(),
  },
  { requiredKeys: [] },
);

export const specArb: fc.Arbitrary<DataProductSpec> = fc
  .record({
    name: dnsLabel,
    domain: dnsLabel,
    owner: email,
    version: versionArb,
    description,
    classification: fc.constantFrom(...CLASSIFICATIONS),
    schema: fc.uniqueArray(field, { selector: (f) => f.name, minLength: 1, maxLength: 12 }),
    slo: fc.record({ availability, latencyMs: milliseconds, freshnessMinutes: minutes }),
    access: fc.uniqueArray(
      fc.record({ role: roleName, permissions: fc.shuffledSubarray([...PERMISSIONS], { minLength: 1 }) }),
      // Unique as database roles: data-analyst and data_analyst are one role.
      { selector: (g) => identifierPart(g.role), maxLength: 5 },
    ),
    lineage: fc.record({ sources: fc.array(lineageSource, { maxLength: 4 }), transformations: fc.array(lineageEntry, { maxLength: 4 }) }),
    tags: fc.uniqueArray(tag, { maxLength: 20 }),
    governance: fc.option(governance, { nil: undefined }),
    template: fc.option(fc.record({ key: fc.stringMatching(/^[a-z][a-z0-9_-]{0,30}$/), version: fc.integer({ min: 1, max: 50 }) }), { nil: undefined }),
  })
  .map(({ governance: g, template: t, ...rest }) => ({ ...rest, ...(g ? { governance: g } : {}), ...(t ? { template: t } : {}) }));
