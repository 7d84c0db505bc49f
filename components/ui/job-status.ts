// Whether a background job (a provisioning job, a re-validation run) is still going: pages poll it then.
export const isActiveJob = (status: string | undefined) => status === "queued" || status === "running";
