// The lineage room's public entry: the graph around a product and the impact of changing it.
export { getLineageGraph, parseGraphOptions, MAX_GRAPH_PRODUCTS } from "./graph";
export { impactOfChange, liveDownstream, RECENT_READS_DAYS } from "./impact";
export type * from "./types";
