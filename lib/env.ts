// The one place that reads process.env: validated once, typed everywhere else.
import { z } from "zod";
import { parseGroupMap } from "@/lib/oidc-group-map";
import { ROLES } from "@/lib/roles";

const boolish = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded database)"),
  AUTH_SECRET: z.string().min(16).optional(),
  /** The portal's public URL; next-auth reads it itself, the session-cookie reader for the cookie's name. */
  AUTH_URL: z.url().optional(),
  /** Demo mode lists the seeded demo users and their passwords on the sign-in page. */
  DEMO_MODE: boolish,
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: z.string().optional(),
  AUTH_OIDC_SECRET: z.string().optional(),
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  /** Role given to users who first sign in through OIDC. */
  AUTH_OIDC_DEFAULT_ROLE: z.enum(ROLES).default("data_consumer"),
  /** Groups claim → roles and domain memberships, applied on every OIDC sign-in (lib/auth/oidc-groups.ts). */
  AUTH_OIDC_GROUP_MAP: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      try {
        return parseGroupMap(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `AUTH_OIDC_GROUP_MAP: ${(e as Error).message}` });
        return z.NEVER;
      }
    }),
  /** The ID-token / userinfo claim that lists the user's groups. */
  AUTH_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  PUBLIC_URL: z.url().optional(),
  /** Bearer token for the Prometheus endpoint /api/metrics; the endpoint answers 404 while unset. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** Seconds between health probes of provisioned product endpoints (0 disables the in-process schedule). */
  HEALTH_PROBE_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Runs the provisioning worker (pg-boss) inside the portal process; set false when a separate worker runs. */
  WORKER_ENABLED: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === undefined || v === "" || v === "true" || v === "1"),
  /** Provisioning jobs one worker process runs at the same time. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** Largest CSV upload /api/ingest accepts, in bytes (default 1 GiB); bigger bodies get 413 and load nothing. */
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 ** 3)
    .default(1024 ** 3),
  /** SMTP server for notification e-mails (nodemailer); unset = no e-mail is sent. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: boolish,
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The sender of notification e-mails. */
  SMTP_FROM: z.string().min(3).default("Meshport <meshport@localhost>"),
  /** Test-only: sleep this long inside each provisioning step's transaction, so a test can kill a worker mid-step. */
  PROVISION_STEP_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET);
}
