// The step implementations for each kind of job, in the order they run.
import "server-only";
import type { JobKindName } from "../types";
import type { StepTable } from "./context";
import { deprovisionGovernance, provisionGovernance } from "./governance";
import { deprovisionProcessing, provisionProcessing } from "./processing";
import { deprovisionServing, provisionServing } from "./serving";
import { deprovisionStorage, provisionStorage } from "./storage";

const PROVISION: StepTable = {
  storage: provisionStorage,
  processing: provisionProcessing,
  serving: provisionServing,
  governance: provisionGovernance,
};
const DEPROVISION: StepTable = {
  storage: deprovisionStorage,
  processing: deprovisionProcessing,
  serving: deprovisionServing,
  governance: deprovisionGovernance,
};

export function stepTable(kind: JobKindName): StepTable {
  return kind === "deprovision" ? DEPROVISION : PROVISION;
}

export { StepError } from "./context";
export type { StepContext, StepOutcome } from "./context";
