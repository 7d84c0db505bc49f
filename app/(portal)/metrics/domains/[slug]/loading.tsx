// A domain's metrics page has the dashboard's shape: the same skeleton.
export { default } from "../../(dashboard)/loading";
