// Decides the status (404) before the skeleton streams: see ../product-status-layout.tsx.
export { default } from "../product-status-layout";
