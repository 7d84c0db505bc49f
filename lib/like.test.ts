import { describe, expect, it } from "vitest";
import { escapeLike } from "@/lib/like";

describe("escapeLike", () => {
  it("escapes the wildcards and the escape character, and leaves other text alone", () => {
    expect(escapeLike("50%_off\\now")).toBe("50\\%\\_off\\\\now");
    expect(escapeLike("sales-team@x.com")).toBe("sales-team@x.com");
  });
});
