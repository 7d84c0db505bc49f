"use client";
// Table editors for the global policy's rule lists (also used for a domain's overrides): classification
// levels, access control roles and data quality metrics. Controlled: the parent owns the draft.
import { CLASSIFICATIONS, PERMISSIONS } from "@/lib/products/types";
import { ROLES } from "@/lib/auth/permissions";
import { ENCRYPTION_MODES, ENFORCEMENT_LEVELS, GRANT_APPROVALS, QUALITY_METRICS } from "@/lib/governance/policies/types";
import {
  blankAccess,
  blankClassification,
  blankQuality,
  type AccessDraft,
  type GrantDraft,
  type ClassificationDraft,
  type QualityDraft,
} from "@/lib/governance/policies/form";
import { Table, Td, Th } from "@/components/ui/table";
import { AddButton, CellError, CellInput, CellSelect, CheckList, ListErrors, RemoveButton, replaceAt, type Errors } from "./cells";

type EditorProps<T> = { value: T[]; onChange: (v: T[]) => void; errors: Errors; prefix: string; disabled?: boolean };

export function ClassificationEditor({ value, onChange, errors, prefix, disabled }: EditorProps<ClassificationDraft>) {
  const set = (i: number, patch: Partial<ClassificationDraft>) => onChange(replaceAt(value, i, { ...value[i], ...patch }));
  const unused = CLASSIFICATIONS.filter((c) => !value.some((v) => v.level === c));
  return (
    <div>
      <ListErrors errors={errors} path={prefix} />
      <Table>
        <thead>
          <tr>
            <Th>Level</Th>
            <Th>Description</Th>
            <Th>Encryption</Th>
            <Th>Retention</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {value.map((row, i) => {
            const p = `${prefix}[${i}]`;
            return (
              <tr key={i}>
                <Td>
                  <CellSelect
                    label={`Level ${i + 1}`}
                    value={row.level}
                    onChange={(level) => set(i, { level })}
                    options={CLASSIFICATIONS}
                    blank="Choose…"
                    errors={errors}
                    path={`${p}.level`}
                    disabled={disabled}
                  />
                </Td>
                <Td className="min-w-48">
                  <CellInput
                    label={`Description of ${row.level || `level ${i + 1}`}`}
                    value={row.description}
                    onChange={(description) => set(i, { description })}
                    errors={errors}
                    path={`${p}.description`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <CellSelect
                    label={`Encryption for ${row.level || `level ${i + 1}`}`}
                    value={row.encryption}
                    onChange={(encryption) => set(i, { encryption })}
                    options={ENCRYPTION_MODES}
                    errors={errors}
                    path={`${p}.encryption`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <CellInput
                    label={`Retention for ${row.level || `level ${i + 1}`}`}
                    value={row.retention}
                    onChange={(retention) => set(i, { retention })}
                    placeholder="7_years"
                    errors={errors}
                    path={`${p}.retention`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <RemoveButton
                    label={`Remove level ${row.level || i + 1}`}
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                    disabled={disabled}
                  />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <AddButton
        onClick={() => onChange([...value, { ...blankClassification(), level: unused[0] ?? "" }])}
        disabled={disabled || unused.length === 0}
      >
        Add level
      </AddButton>
      <p className="mt-2 text-xs text-slate-500">Retention is written as a number and a unit: 90_days, 6_months, 7_years.</p>
    </div>
  );
}

export function AccessRulesEditor({
  value,
  onChange,
  errors,
  prefix,
  disabled,
  levels,
}: EditorProps<AccessDraft> & { levels: readonly string[] }) {
  const set = (i: number, patch: Partial<AccessDraft>) => onChange(replaceAt(value, i, { ...value[i], ...patch }));
  const unused = ROLES.filter((r) => !value.some((v) => v.role === r));
  return (
    <div>
      <ListErrors errors={errors} path={prefix} />
      <Table>
        <thead>
          <tr>
            <Th>Role</Th>
            <Th>Permissions</Th>
            <Th>May read levels</Th>
            <Th>May be granted (approval, longest)</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {value.map((row, i) => {
            const p = `${prefix}[${i}]`;
            const name = row.role || `role ${i + 1}`;
            return (
              <tr key={i}>
                <Td>
                  <CellSelect
                    label={`Role ${i + 1}`}
                    value={row.role}
                    onChange={(role) => set(i, { role })}
                    options={ROLES}
                    blank="Choose…"
                    errors={errors}
                    path={`${p}.role`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <CheckList
                    legend={`Permissions of ${name}`}
                    options={PERMISSIONS}
                    value={row.permissions}
                    onChange={(permissions) => set(i, { permissions })}
                    errors={errors}
                    path={`${p}.permissions`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <CheckList
                    legend={`Levels ${name} may access`}
                    options={levels.length > 0 ? levels : CLASSIFICATIONS}
                    value={row.data_access}
                    onChange={(data_access) => set(i, { data_access })}
                    errors={errors}
                    path={`${p}.data_access`}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <GrantsCell
                    name={name}
                    prefix={`${p}.grants`}
                    levels={(levels.length > 0 ? levels : CLASSIFICATIONS).filter((l) => !row.data_access.includes(l))}
                    value={row.grants ?? []}
                    onChange={(grants) => set(i, { grants })}
                    errors={errors}
                    disabled={disabled}
                  />
                </Td>
                <Td>
                  <RemoveButton
                    label={`Remove role ${name}`}
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                    disabled={disabled}
                  />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <AddButton
        onClick={() => onChange([...value, { ...blankAccess(), role: unused[0] ?? "" }])}
        disabled={disabled || unused.length === 0}
      >
        Add role
      </AddButton>
    </div>
  );
}

export function QualityRulesEditor({ value, onChange, errors, prefix, disabled }: EditorProps<QualityDraft>) {
  const set = (i: number, patch: Partial<QualityDraft>) => onChange(replaceAt(value, i, { ...value[i], ...patch }));
  const unused = QUALITY_METRICS.filter((m) => !value.some((v) => v.metric === m));
  return (
    <div>
      <ListErrors errors={errors} path={prefix} />
      {value.length === 0 ? (
        <p className="text-sm text-slate-600">No data quality metrics are required.</p>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Metric</Th>
              <Th>Threshold</Th>
              <Th>Enforcement</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {value.map((row, i) => {
              const p = `${prefix}[${i}]`;
              const name = row.metric || `metric ${i + 1}`;
              return (
                <tr key={i}>
                  <Td>
                    <CellSelect
                      label={`Metric ${i + 1}`}
                      value={row.metric}
                      onChange={(metric) => set(i, { metric })}
                      options={QUALITY_METRICS}
                      blank="Choose…"
                      errors={errors}
                      path={`${p}.metric`}
                      disabled={disabled}
                    />
                  </Td>
                  <Td>
                    <CellInput
                      label={`Threshold for ${name} (percent)`}
                      value={row.threshold}
                      onChange={(threshold) => set(i, { threshold })}
                      suffix="%"
                      inputMode="decimal"
                      placeholder="95"
                      errors={errors}
                      path={`${p}.threshold`}
                      disabled={disabled}
                    />
                  </Td>
                  <Td>
                    <CellSelect
                      label={`Enforcement for ${name}`}
                      value={row.enforcement}
                      onChange={(enforcement) => set(i, { enforcement })}
                      options={ENFORCEMENT_LEVELS}
                      errors={errors}
                      path={`${p}.enforcement`}
                      disabled={disabled}
                    />
                  </Td>
                  <Td>
                    <RemoveButton
                      label={`Remove metric ${name}`}
                      onClick={() => onChange(value.filter((_, j) => j !== i))}
                      disabled={disabled}
                    />
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <AddButton
        onClick={() => onChange([...value, { ...blankQuality(), metric: unused[0] ?? "" }])}
        disabled={disabled || unused.length === 0}
      >
        Add metric
      </AddButton>
      <p className="mt-2 text-xs text-slate-500">
        A product below the threshold gets a finding: a warning, or an error that blocks publishing.
      </p>
    </div>
  );
}

const NEVER = "never";

/**
 * Per level the role does not read outright: never (default), by the owners' approval, or by the owners'
 * and then governance's; with the longest a grant may last. Levels the role reads outright have no row.
 */
function GrantsCell({
  name,
  prefix,
  levels,
  value,
  onChange,
  errors,
  disabled,
}: {
  name: string;
  prefix: string;
  levels: readonly string[];
  value: GrantDraft[];
  onChange: (v: GrantDraft[]) => void;
  errors: Errors;
  disabled?: boolean;
}) {
  // Grants of levels the role now reads outright stay in the draft so the schema can name them.
  const shown = [...levels, ...value.map((g) => g.level).filter((l) => !levels.includes(l))];
  if (shown.length === 0) return <span className="text-xs text-slate-500">reads every level</span>;
  return (
    <div className="space-y-1">
      {shown.map((level) => {
        const i = value.findIndex((g) => g.level === level);
        const grant = i === -1 ? null : value[i];
        const path = `${prefix}[${i}]`;
        return (
          <div key={level} className="flex flex-wrap items-start gap-1">
            <span className="w-24 pt-1 text-xs">{level}</span>
            <CellSelect
              label={`How ${name} may be granted ${level} data`}
              value={grant?.approval ?? NEVER}
              onChange={(approval) =>
                onChange(
                  approval === NEVER
                    ? value.filter((g) => g.level !== level)
                    : grant
                      ? replaceAt(value, i, { ...grant, approval })
                      : [...value, { level, approval, max_duration: "90_days" }],
                )
              }
              options={[NEVER, ...GRANT_APPROVALS]}
              errors={errors}
              path={`${path}.approval`}
              disabled={disabled}
            />
            {grant && (
              <CellInput
                label={`Longest grant of ${level} data to ${name}`}
                value={grant.max_duration}
                onChange={(max_duration) => onChange(replaceAt(value, i, { ...grant, max_duration }))}
                errors={errors}
                path={`${path}.max_duration`}
                disabled={disabled}
              />
            )}
            {grant && <CellError errors={errors} path={`${path}.level`} />}
          </div>
        );
      })}
    </div>
  );
}
