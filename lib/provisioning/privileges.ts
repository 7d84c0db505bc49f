// The portal's own database privileges, for the capabilities page.
import "server-only";
import { currentUserInfo } from "./catalog";
import { pgPool } from "@/lib/pg";
import type { DatabasePrivileges } from "@/lib/platform";

export async function databasePrivileges(): Promise<DatabasePrivileges> {
  const client = await pgPool().connect();
  try {
    const me = await currentUserInfo(client);
    return { canCreateSchema: me.canCreateSchema, canCreateRole: me.createRole, serverVersion: me.serverVersion };
  } finally {
    client.release();
  }
}
