// The platform area's server entry for other areas: the stored platform configuration.
import "server-only";

export { getPlatformConfig } from "./platform-config";
