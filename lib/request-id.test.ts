import { describe, expect, it } from "vitest";
import { acceptedRequestId } from "./request-id";

describe("acceptedRequestId", () => {
  it("keeps a plain token, such as a UUID", () => {
    expect(acceptedRequestId("3f1c2a9e-7b7d-4d0e-9a51-0c6d1f0a2b3c")).toBe("3f1c2a9e-7b7d-4d0e-9a51-0c6d1f0a2b3c");
  });

  it.each([null, "", "short", "x".repeat(129), "forged id with spaces", 'quote"inside-1234', "tab\there-12345"])("refuses %j", (given) => {
    expect(acceptedRequestId(given)).toBeNull();
  });
});
