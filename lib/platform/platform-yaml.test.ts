import { describe, expect, it } from "vitest";
import { DEFAULT_PLATFORM_YAML } from "./default-platform";
import { parsePlatformYaml, platformToYaml } from "./platform-yaml";
import { capabilities } from "./capabilities";

describe("DataPlatform YAML", () => {
  it("parses the seed's document into storage, processing and serving components", () => {
    const r = parsePlatformYaml(DEFAULT_PLATFORM_YAML);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.spec.storage).toEqual([
      {
        type: "data-lake",
        provider: "aws-s3",
        configuration: { bucket: "company-data-lake", encryption: "enabled", versioning: "enabled" },
      },
    ]);
    expect(r.document.spec.processing.map((c) => c.provider)).toEqual(["databricks", "aws-kinesis"]);
    expect(r.document.spec.serving.map((c) => c.type)).toEqual(["api-gateway", "data-catalog"]);
    const again = parsePlatformYaml(platformToYaml(r.document));
    expect(again.ok && again.document).toEqual(r.document);
  });

  it("reports YAML syntax errors with a line and schema errors with a path", () => {
    const syntax = parsePlatformYaml("apiVersion: v1\nkind: [oops\n");
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.errors[0].line).toBeGreaterThan(0);
    const schema = parsePlatformYaml(
      "apiVersion: v2\nkind: DataPlatform\nmetadata: {name: x}\nspec:\n  storage:\n    - type: Data Lake\n      provider: s3\n",
    );
    expect(schema.ok).toBe(false);
    if (!schema.ok) expect(schema.errors.map((e) => e.path)).toEqual(["apiVersion", "spec.storage.0.type"]);
  });

  it("refuses the same component twice in a layer", () => {
    const r = parsePlatformYaml(
      "apiVersion: v1\nkind: DataPlatform\nmetadata: {name: x}\nspec:\n  serving:\n    - {type: api-gateway, provider: aws}\n    - {type: api-gateway, provider: aws}\n",
    );
    expect(r.ok).toBe(false);
  });

  it("lists live PostgreSQL capabilities and plan-only cloud components", () => {
    const r = parsePlatformYaml(DEFAULT_PLATFORM_YAML);
    if (!r.ok) throw new Error("parse");
    const caps = capabilities(r.document.spec, { canCreateSchema: true, canCreateRole: false, serverVersion: "15.2" });
    expect(caps.filter((c) => c.mode === "plan").map((c) => c.target)).toEqual([
      "aws-s3",
      "databricks",
      "aws-kinesis",
      "aws-api-gateway",
      "aws-glue",
    ]);
    expect(caps.find((c) => c.layer === "governance")?.mode).toBe("unavailable");
    expect(caps.find((c) => c.layer === "storage")?.mode).toBe("live");
  });
});
