// The quality area's server entry for other areas: storing and listing quality runs, reading dataset tables' columns.
import "server-only";

export { listQualityRuns, recordQualityRun, type CheckFigure } from "./record-quality-run";
export { tableColumns } from "./table-columns";
