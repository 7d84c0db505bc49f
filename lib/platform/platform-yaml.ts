// The seed's `kind: DataPlatform` document (storage / processing / serving infrastructure): parsing,
// validation with field paths, and the canonical YAML the editor shows. Pure, no database.
import { parseDocument, stringify } from "yaml";
import { z } from "zod";
import { issueKey } from "@/lib/validation/field-errors";

const SLUG = /^[a-z][a-z0-9_-]*$/;

const componentSchema = z.object({
  type: z.string().trim().regex(SLUG, "type must be lowercase letters, digits, - or _"),
  provider: z.string().trim().regex(SLUG, "provider must be lowercase letters, digits, - or _"),
  configuration: z.record(z.string(), z.unknown()).default({}),
});

export const platformSpecSchema = z.object({
  storage: z.array(componentSchema).default([]),
  processing: z.array(componentSchema).default([]),
  serving: z.array(componentSchema).default([]),
});

export const platformDocumentSchema = z.object({
  apiVersion: z.literal("v1", { message: "apiVersion must be v1" }),
  kind: z.literal("DataPlatform", { message: "kind must be DataPlatform" }),
  metadata: z.object({ name: z.string().trim().min(1, "metadata.name is required").max(100) }),
  spec: platformSpecSchema,
});

export type PlatformComponent = z.infer<typeof componentSchema>;
export type PlatformSpec = z.infer<typeof platformSpecSchema>;
export type PlatformDocument = z.infer<typeof platformDocumentSchema>;
export const PLATFORM_LAYERS = ["storage", "processing", "serving"] as const;
export type PlatformLayer = (typeof PLATFORM_LAYERS)[number];

export type ParseResult =
  { ok: true; document: PlatformDocument } | { ok: false; errors: { path: string; message: string; line?: number }[] };

export function parsePlatformYaml(text: string): ParseResult {
  if (text.length > 100_000) return { ok: false, errors: [{ path: "", message: "The document is larger than 100 kB." }] };
  const doc = parseDocument(text, { logLevel: "error" });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ path: "", message: e.message.split("\n")[0], line: e.linePos?.[0]?.line })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Alias bombs and aliases to anchors that do not exist are refused by toJS with an exception.
    return { ok: false, errors: [{ path: "", message: `The YAML could not be read: ${(e as Error).message}` }] };
  }
  const parsed = platformDocumentSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: issueKey(i.path), message: i.message })) };
  }
  const duplicate = PLATFORM_LAYERS.flatMap((layer) => {
    const seen = new Set<string>();
    return parsed.data.spec[layer].flatMap((c, i) => {
      const key = `${c.type}/${c.provider}`;
      if (seen.has(key)) return [{ path: `spec.${layer}.${i}`, message: `${layer} lists ${key} twice` }];
      seen.add(key);
      return [];
    });
  });
  if (duplicate.length > 0) return { ok: false, errors: duplicate };
  return { ok: true, document: parsed.data };
}

export function platformToYaml(doc: PlatformDocument): string {
  return stringify(doc, { lineWidth: 0 });
}

/** The first component of a layer with this type (e.g. storage "data-lake"), if configured. */
export function component(spec: PlatformSpec, layer: PlatformLayer, type: string): PlatformComponent | undefined {
  return spec[layer].find((c) => c.type === type);
}
