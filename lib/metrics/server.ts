// The metrics area's server entry for other areas: recording metric events (and a publication) in the
// caller's transaction or on their own.
import "server-only";

export { recordMetricEvent, recordMetricEvents } from "./record";
export { recordPublication } from "./lifecycle-metrics";
