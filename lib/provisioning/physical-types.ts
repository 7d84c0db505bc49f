// A field's PostgreSQL column type: the physical type its contract declares when PostgreSQL has it and it fits
// the field's logical type (`DECIMAL(10,2)` → numeric(10,2), `VARCHAR(36)` → character varying(36)), else the
// portal's type for the logical type (PG_TYPES). Names are PostgreSQL's own (format_type), so a provisioned
// table compares equal to its design. Pure.
import type { FieldType, ProductField } from "@/lib/products";

const PG_TYPES: Record<FieldType, string> = {
  string: "text",
  integer: "bigint",
  number: "double precision",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamp with time zone",
  json: "jsonb",
};

type Rule = [RegExp, FieldType[], (m: RegExpMatchArray) => string | null];

const RULES: Rule[] = [
  [
    /^(?:decimal|numeric|number)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/,
    ["number", "integer"],
    (m) =>
      Number(m[1]) >= 1 && Number(m[1]) <= 1000 && Number(m[2] ?? 0) <= Number(m[1])
        ? `numeric(${Number(m[1])},${Number(m[2] ?? 0)})`
        : null,
  ],
  [/^(?:decimal|numeric)$/, ["number", "integer"], () => "numeric"],
  [
    /^(?:varchar|character varying|nvarchar|string)\s*\(\s*(\d+)\s*\)$/,
    ["string"],
    (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 10_485_760 ? `character varying(${Number(m[1])})` : null),
  ],
  [
    /^(?:char|character|nchar)\s*\(\s*(\d+)\s*\)$/,
    ["string"],
    (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 10_485_760 ? `character(${Number(m[1])})` : null),
  ],
  [/^(?:varchar|text|string|nvarchar)$/, ["string"], () => "text"],
  [/^uuid$/, ["string"], () => "uuid"],
  [/^(?:smallint|int2)$/, ["integer"], () => "smallint"],
  [/^(?:int|integer|int4)$/, ["integer"], () => "integer"],
  [/^(?:bigint|int8|long)$/, ["integer"], () => "bigint"],
  [/^(?:real|float4|float)$/, ["number"], () => "real"],
  [/^(?:double|double precision|float8)$/, ["number"], () => "double precision"],
  [/^(?:bool|boolean)$/, ["boolean"], () => "boolean"],
  [/^date$/, ["date"], () => "date"],
  [/^(?:timestamp|timestamp without time zone|datetime)$/, ["timestamp"], () => "timestamp without time zone"],
  [/^(?:timestamptz|timestamp with time zone)$/, ["timestamp"], () => "timestamp with time zone"],
  [/^json$/, ["json"], () => "json"],
  [/^jsonb$/, ["json"], () => "jsonb"],
];

/** The PostgreSQL type for a declared physical type of a field of `type`, or null when there is none. */
export function postgresTypeFor(physicalType: string, type: FieldType): string | null {
  const declared = physicalType.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [pattern, types, map] of RULES) {
    const m = declared.match(pattern);
    if (m && types.includes(type)) return map(m);
  }
  return null;
}

export function columnTypeFor(field: Pick<ProductField, "type" | "physicalType">): string {
  return (field.physicalType ? postgresTypeFor(field.physicalType, field.type) : null) ?? PG_TYPES[field.type];
}

export { PG_TYPES };
