import { describe, expect, it } from "vitest";
import { cleanText, clip, withoutControls } from "@/lib/text";

describe("withoutControls", () => {
  it("turns NUL, line breaks, escapes, C1 and bidi overrides into spaces", () => {
    expect(withoutControls("a\u0000b\nc\r\u001b[31md\u0085e\u202ef\u2066g")).toBe("a b c  [31md e f g");
  });
  it("leaves ordinary text, accents and emoji alone", () => {
    expect(withoutControls("Zoë 👩‍💻 über")).toBe("Zoë 👩‍💻 über");
  });
});

describe("clip", () => {
  it("keeps short text and cuts long text to the limit with an ellipsis", () => {
    expect(clip("abc", 3)).toBe("abc");
    expect(clip("abcdef", 4)).toBe("abc…");
    expect(clip("x".repeat(6000), 300)).toHaveLength(300);
  });
  it("never splits a surrogate pair", () => {
    const cut = clip("😀".repeat(10), 4);
    expect(Array.from(cut)).toEqual(["😀", "😀", "😀", "…"]);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe("cleanText", () => {
  it("strips controls before measuring", () => {
    expect(cleanText("\u0000".repeat(10) + "ok", 5)).toBe("    …");
  });
});
