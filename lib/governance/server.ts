// The governance area's server entry for other areas: the publish gate, validation on demand and the
// data-access enforcement engine.
import "server-only";

export { publishGate } from "./compliance/publish-gate.db";
export {
  evaluate,
  loadPolicyContexts,
  storeFirstValidations,
  validateAfterChange,
  validateProductById,
} from "./compliance/validate-products.db";
export { summarize } from "./compliance/status";
export { effectivePolicyFor, enforce } from "./enforcement/enforce.db";
export { validateDraft } from "./compliance/validate-draft.db";
