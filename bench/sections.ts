// Benchmark sections contributed by the feature areas. Each takes the benchmark database URL and returns rows.
export type Row = { area: string; metric: string; value: string; target?: string };
export type Section = (url: string, opts: { quick: boolean }) => Promise<Row[]>;

// Loaded lazily so a section's imports (and their module-level database clients) only exist when it runs.
export const extraSections: Section[] = [
  async function governance(url, opts) {
    return (await import("./governance")).governanceSection(url, opts);
  },
  async function policyImpact(url, opts) {
    return (await import("./policies")).policyImpactRows(url, opts);
  },
  async function metrics(url, opts) {
    return (await import("./metrics")).metricsSection(url, opts);
  },
  async function contracts(url, opts) {
    return (await import("./contracts")).contractsSection(url, opts);
  },
  async function api(url, opts) {
    return (await import("./api")).apiSection(url, opts);
  },
  async function notifications(url, opts) {
    return (await import("./notifications")).notificationsSection(url, opts);
  },
  async function provisioning(url, opts) {
    return (await import("./provisioning")).provisioningSection(url, opts);
  },
  async function monitor(url, opts) {
    return (await import("./monitor")).monitorSection(url, opts);
  },
];
