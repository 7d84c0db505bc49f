"use client";
// The registration / edit form for a data product. Every input is controlled so nothing is lost when
// the server answers with field errors; repeated sections travel as JSON in hidden inputs.
import { useActionState, useMemo, useState } from "react";
import { CLASSIFICATIONS, type AccessGrant, type DataProductSpec, type ProductField } from "@/lib/products/types";
import { checkVersionChange, describeChange, diffSpecs, needsBreakingReason } from "@/lib/products/diff";
import type { ActionState } from "@/lib/errors";
import { Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldsEditor } from "./fields-editor";
import { AccessEditor } from "./access-editor";
import { ControlledForm } from "@/components/ui/controlled-form";
import { formatSource, splitSourceLines } from "@/lib/products/lineage-source";
import { ImpactList } from "@/components/lineage/impact-list";
import type { ImpactOfChange } from "@/lib/lineage/types";

export type DomainOption = { slug: string; name: string };
export type OwnerOption = { email: string; label: string };

type Props = {
  mode: "create" | "edit";
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  initial: DataProductSpec;
  domains: DomainOption[];
  /** domain slug → who may be named owner there (the domain's team and current members) */
  owners: Record<string, OwnerOption[]>;
  roleSuggestions: string[];
  /** edit mode: the saved spec and whether saving creates a new immutable version */
  saved?: { spec: DataProductSpec; lockVersion: number; immutable: boolean };
  templateKey?: string;
  /** `domain/name` of the products the user may pick as upstream sources. */
  upstreamProducts?: string[];
  /** edit mode, published products: who a breaking version reaches (lib/lineage impactOfChange). */
  impact?: ImpactOfChange | null;
};

type Draft = {
  name: string;
  domain: string;
  owner: string;
  version: string;
  description: string;
  classification: string;
  availability: string;
  latencyMs: string;
  freshnessMinutes: string;
  tags: string;
  sources: string;
  transformations: string;
  encryption: boolean;
  retention: string;
  purpose: string;
  erasure: boolean;
};

const SLO_FIELDS = [
  { key: "availability", label: "Availability (%)", inputMode: "decimal" },
  { key: "latencyMs", label: "Latency (ms)", inputMode: "numeric" },
  { key: "freshnessMinutes", label: "Freshness (minutes)", inputMode: "numeric" },
] as const;

function toDraft(s: DataProductSpec): Draft {
  return {
    name: s.name,
    domain: s.domain,
    owner: s.owner,
    version: s.version,
    description: s.description,
    classification: s.classification,
    availability: String(s.slo.availability),
    latencyMs: String(s.slo.latencyMs),
    freshnessMinutes: String(s.slo.freshnessMinutes),
    tags: s.tags.join(", "),
    sources: s.lineage.sources.map(formatSource).join("\n"),
    transformations: s.lineage.transformations.join("\n"),
    encryption: s.governance?.encryption ?? false,
    retention: s.governance?.retention ?? "",
    purpose: s.governance?.purpose ?? "",
    erasure: s.governance?.erasure ?? false,
  };
}

function governanceOf(d: Draft) {
  const g: Record<string, unknown> = { encryption: d.encryption, erasure: d.erasure };
  if (d.retention.trim()) g.retention = d.retention.trim();
  if (d.purpose.trim()) g.purpose = d.purpose.trim();
  return g;
}

/** The spec as the server will read it, for the live version check (invalid parts just make no diff). */
function draftSpec(d: Draft, fields: ProductField[], access: AccessGrant[]): DataProductSpec {
  return {
    name: d.name,
    domain: d.domain,
    owner: d.owner,
    version: d.version,
    description: d.description,
    classification: d.classification as DataProductSpec["classification"],
    schema: fields,
    slo: { availability: Number(d.availability), latencyMs: Number(d.latencyMs), freshnessMinutes: Number(d.freshnessMinutes) },
    access,
    lineage: {
      sources: splitSourceLines(d.sources),
      transformations: d.transformations
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    },
    tags: d.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    governance: governanceOf(d) as DataProductSpec["governance"],
  };
}

/** The owner to preselect: the given one when it may be picked in `domain`, else the domain's first option. */
function pickOwner(owners: Record<string, OwnerOption[]>, domain: string, owner: string): string {
  const options = owners[domain] ?? [];
  return options.some((o) => o.email.toLowerCase() === owner.toLowerCase()) ? owner : (options[0]?.email ?? owner);
}

export function ProductForm({
  mode,
  action,
  initial,
  domains,
  owners,
  roleSuggestions,
  saved,
  templateKey,
  upstreamProducts = [],
  impact,
}: Props) {
  const [state, formAction] = useActionState(action, null);
  // Editing keeps the saved owner even if they have left the domain (only an owner may change it);
  // registering starts from an owner the domain offers.
  const [d, setD] = useState<Draft>(() => {
    const draft = toDraft(initial);
    return mode === "edit" ? draft : { ...draft, owner: pickOwner(owners, draft.domain, draft.owner) };
  });
  const [fields, setFields] = useState<ProductField[]>(initial.schema);
  const [access, setAccess] = useState<AccessGrant[]>(initial.access);
  const errors = state?.errors ?? {};
  const set =
    <K extends keyof Draft>(k: K) =>
    (e: { target: { value: string } }) =>
      setD((prev) => ({ ...prev, [k]: e.target.value }));

  const versionCheck = useMemo(() => {
    if (!saved) return null;
    const changes = diffSpecs(saved.spec, draftSpec(d, fields, access));
    if (changes.length === 0) return { changes, message: null as string | null };
    if (!saved.immutable && d.version === saved.spec.version) return { changes, message: null };
    const check = checkVersionChange(saved.spec.version, d.version, changes);
    return { changes, message: check.ok ? null : check.message };
  }, [saved, d, fields, access]);
  const breaking = versionCheck?.changes.filter((c) => c.breaking) ?? [];
  const [changeNote, setChangeNote] = useState("");
  // The rule saveProductVersion applies; asked only once the version number itself is acceptable.
  const confirmBreaking =
    saved !== undefined &&
    !versionCheck?.message &&
    needsBreakingReason({ immutable: saved.immutable, from: saved.spec.version, to: d.version, changes: versionCheck?.changes ?? [] });
  const needsReason = confirmBreaking && changeNote.trim() === "";

  return (
    <ControlledForm action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="schemaJson" value={JSON.stringify(fields)} />
      <input type="hidden" name="accessJson" value={JSON.stringify(access)} />
      <input type="hidden" name="governanceJson" value={JSON.stringify(governanceOf(d))} />
      {saved && <input type="hidden" name="lockVersion" value={saved.lockVersion} />}
      {templateKey && <input type="hidden" name="templateKey" value={templateKey} />}
      {initial.template && <input type="hidden" name="templateJson" value={JSON.stringify(initial.template)} />}

      <Card title="Product">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" name="name" errors={errors.name} hint="Lowercase letters, digits and dashes, e.g. customer-orders">
            <TextInput
              name="name"
              value={d.name}
              onChange={set("name")}
              readOnly={mode === "edit"}
              errors={errors.name}
              autoComplete="off"
            />
          </Field>
          <Field label="Domain" name="domain" errors={errors.domain}>
            {mode === "edit" ? (
              <TextInput name="domain" value={d.domain} readOnly errors={errors.domain} />
            ) : (
              <Select
                name="domain"
                value={d.domain}
                onChange={(e) => {
                  const domain = e.target.value;
                  setD((prev) => ({ ...prev, domain, owner: pickOwner(owners, domain, prev.owner) }));
                }}
                errors={errors.domain}
              >
                {domains.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            label="Owner"
            name="owner"
            errors={errors.owner}
            hint="The domain's team or one of its members; only the product's owners can change it"
          >
            <Select name="owner" value={d.owner} onChange={set("owner")} errors={errors.owner}>
              {!(owners[d.domain] ?? []).some((o) => o.email.toLowerCase() === d.owner.toLowerCase()) && (
                <option value={d.owner}>{d.owner} (no longer a member)</option>
              )}
              {(owners[d.domain] ?? []).map((o) => (
                <option key={o.email} value={o.email}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Version" name="version" errors={errors.version} hint="Semantic version: MAJOR.MINOR.PATCH">
            <TextInput name="version" value={d.version} onChange={set("version")} errors={errors.version} />
          </Field>
          <Field label="Description" name="description" errors={errors.description} className="md:col-span-2">
            <TextArea name="description" rows={3} value={d.description} onChange={set("description")} errors={errors.description} />
          </Field>
          <Field label="Classification" name="classification" errors={errors.classification}>
            <Select name="classification" value={d.classification} onChange={set("classification")} errors={errors.classification}>
              {CLASSIFICATIONS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Tags" name="tags" errors={errors.tags} hint="Comma-separated, e.g. customers, crm">
            <TextInput name="tags" value={d.tags} onChange={set("tags")} errors={errors.tags} />
          </Field>
        </div>
      </Card>

      <Card title="Schema">
        {errors.schema && (
          <p className="mb-2 text-sm text-red-600" aria-live="polite">
            {errors.schema.join(" ")}
          </p>
        )}
        <FieldsEditor fields={fields} onChange={setFields} errors={errors} />
      </Card>

      <Card title="Service level objectives">
        <div className="grid gap-4 sm:grid-cols-3">
          {SLO_FIELDS.map(({ key, label, inputMode }) => (
            <Field key={key} label={label} name={`slo.${key}`} errors={errors[`slo.${key}`]}>
              <TextInput name={`slo.${key}`} inputMode={inputMode} value={d[key]} onChange={set(key)} errors={errors[`slo.${key}`]} />
            </Field>
          ))}
        </div>
      </Card>

      <Card title="Access">
        {errors.access && (
          <p className="mb-2 text-sm text-red-600" aria-live="polite">
            {errors.access.join(" ")}
          </p>
        )}
        <AccessEditor grants={access} onChange={setAccess} errors={errors} roleSuggestions={roleSuggestions} />
      </Card>

      <Card title="Lineage">
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-2">
            <Field
              label="Sources"
              name="lineage.sources"
              errors={lineErrors(errors, "lineage.sources")}
              hint="One per line: domain/product, optionally .dataset, (field, from->to) and | transformation; or system: Name"
            >
              <TextArea
                name="lineage.sources"
                rows={4}
                value={d.sources}
                onChange={set("sources")}
                errors={lineErrors(errors, "lineage.sources")}
              />
            </Field>
            {upstreamProducts.length > 0 && (
              <UpstreamPicker
                options={upstreamProducts.filter((ref) => ref !== `${d.domain}/${d.name}`)}
                onPick={(ref) => setD((prev) => ({ ...prev, sources: prev.sources.trim() ? `${prev.sources.trimEnd()}\n${ref}` : ref }))}
              />
            )}
          </div>
          <Field label="Transformations" name="lineage.transformations" errors={errors["lineage.transformations"]} hint="One per line">
            <TextArea
              name="lineage.transformations"
              rows={3}
              value={d.transformations}
              onChange={set("transformations")}
              errors={errors["lineage.transformations"]}
            />
          </Field>
        </div>
      </Card>

      <Card title="Governance declarations">
        <div className="grid gap-4 md:grid-cols-2">
          <label className="flex items-center gap-2 text-sm">
            <input
              id="governance-encryption"
              type="checkbox"
              checked={d.encryption}
              onChange={(e) => setD({ ...d, encryption: e.target.checked })}
            />{" "}
            Data is encrypted at rest
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              id="governance-erasure"
              type="checkbox"
              checked={d.erasure}
              onChange={(e) => setD({ ...d, erasure: e.target.checked })}
            />{" "}
            Supports erasure requests (right to be forgotten)
          </label>
          <Field
            label="Retention"
            name="governance.retention"
            id="retention-display"
            errors={errors["governance.retention"]}
            hint="e.g. 90_days, 2_years"
          >
            <TextInput name="retention-display" value={d.retention} onChange={set("retention")} errors={errors["governance.retention"]} />
          </Field>
          <Field
            label="Processing purpose (for personal data)"
            name="governance.purpose"
            id="purpose-display"
            errors={errors["governance.purpose"]}
          >
            <TextInput name="purpose-display" value={d.purpose} onChange={set("purpose")} errors={errors["governance.purpose"]} />
          </Field>
        </div>
      </Card>

      {mode === "edit" && (
        <Card title="Change">
          {saved?.immutable && (
            <p className="mb-2 text-sm text-slate-600">This product is published: saving creates a new immutable version.</p>
          )}
          {breaking.length > 0 && (
            <div role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p className="font-medium">Breaking changes:</p>
              <ul className="ml-5 list-disc">
                {breaking.map((c, i) => (
                  <li key={i}>{describeChange(c)}</li>
                ))}
              </ul>
            </div>
          )}
          {versionCheck?.message && (
            <p role="alert" data-testid="version-hint" className="mb-3 text-sm text-red-700">
              {versionCheck.message}
            </p>
          )}
          {confirmBreaking && (
            <p
              id="breaking-consequence"
              data-testid="breaking-confirmation"
              className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
            >
              Saving {d.version} publishes a breaking version of {saved?.spec.domain}/{saved?.spec.name}: consumers of {saved?.spec.version}{" "}
              must change their reads, and the version cannot be withdrawn. Give the reason below to confirm.
            </p>
          )}
          {confirmBreaking && impact && (
            <div className="mb-3">
              <ImpactList impact={impact} />
            </div>
          )}
          <Field
            label={confirmBreaking ? "Reason for the breaking version" : "Change note"}
            required={confirmBreaking}
            name="changeNote"
            errors={errors.changeNote}
          >
            <TextInput
              name="changeNote"
              value={changeNote}
              onChange={(e) => setChangeNote(e.target.value)}
              required={confirmBreaking}
              placeholder="What changed and why"
              errors={errors.changeNote}
            />
          </Field>
        </Card>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…" disabled={needsReason}>
          {mode === "create" ? "Register product" : confirmBreaking ? `Publish breaking version ${d.version}` : "Save changes"}
        </SubmitButton>
        {needsReason && <span className="text-xs text-slate-500">Give a reason to publish a breaking version.</span>}
        <FormMessage state={state} />
      </div>
    </ControlledForm>
  );
}

/** A list box's errors: its own, and each entry's (`lineage.sources.2.product`) as "Line 3: …". */
function lineErrors(errors: Record<string, string[]>, key: string): string[] | undefined {
  const out = Object.entries(errors).flatMap(([path, messages]) => {
    if (path === key) return messages;
    const line = new RegExp(`^${key.replace(".", "\\.")}\\.(\\d+)`).exec(path);
    return line ? messages.map((m) => `Line ${Number(line[1]) + 1}: ${m}`) : [];
  });
  return out.length > 0 ? out : undefined;
}

/** Adds an upstream product as a source line, so nobody has to type its domain/name. */
function UpstreamPicker({ options, onPick }: { options: string[]; onPick: (ref: string) => void }) {
  const [choice, setChoice] = useState("");
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor="upstream-product" className="mb-1 block text-sm font-medium text-slate-800">
          Add an upstream product
        </label>
        <Select name="upstreamPick" id="upstream-product" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a product…</option>
          {options.map((ref) => (
            <option key={ref} value={ref}>
              {ref}
            </option>
          ))}
        </Select>
      </div>
      <Button
        type="button"
        variant="secondary"
        disabled={!choice}
        onClick={() => {
          onPick(choice);
          setChoice("");
        }}
      >
        Add source
      </Button>
    </div>
  );
}
