// The lineage room's server entry: the graph around a product, the impact of changing it, form options.
import "server-only";
export { getLineageGraph, parseGraphOptions, MAX_GRAPH_PRODUCTS } from "./graph";
export { impactOfChange, liveDownstream, RECENT_READS_DAYS } from "./impact";
export { listUpstreamOptions } from "./options";
