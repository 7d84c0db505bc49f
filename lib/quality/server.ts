// The quality area's server entry for other areas: storing and listing quality runs.
import "server-only";

export { listQualityRuns, recordQualityRun, type CheckFigure } from "./record-quality-run";
