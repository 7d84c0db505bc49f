// Runs in each test worker before the test file loads: points lib/env at this suite's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("reliabilityDatabaseUrl");
process.env.DEMO_MODE = "true";
process.env.LOG_LEVEL ??= "silent";
