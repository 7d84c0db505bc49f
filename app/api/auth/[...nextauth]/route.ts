import { handlers } from "@/lib/auth/auth";
import { isSessionAlive } from "@/lib/auth/sessions";

export const { POST } = handlers;

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * next-auth's GET /api/auth/session re-signs any cookie whose JWT is valid; here it also answers "no
 * session" (and clears the cookie) when the server-side session was revoked, and keeps the session id
 * out of the JSON a browser script can read.
 */
export async function GET(request: Request): Promise<Response> {
  const response = await handlers.GET(request as Parameters<typeof handlers.GET>[0]);
  if (!new URL(request.url).pathname.endsWith("/session") || response.status !== 200) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as ({ sid?: unknown } & Record<string, unknown>) | null;
  if (!body || typeof body.sid !== "string") return response;
  const { sid, ...visible } = body;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  if (await isSessionAlive(sid)) return new Response(JSON.stringify(visible), { status: 200, headers });
  headers.delete("set-cookie");
  for (const name of SESSION_COOKIES) {
    headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
  return new Response("null", { status: 200, headers });
}
