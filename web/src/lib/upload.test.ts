import { describe, expect, it } from "vitest";

import { IMAGE_MAX_BYTES, imageProblem, percentOf } from "./upload";

describe("imageProblem", () => {
  it("accepts the picture types the API takes, up to 10 MB", () => {
    expect(imageProblem({ type: "image/png", size: 1000 })).toBeNull();
    expect(imageProblem({ type: "image/webp", size: IMAGE_MAX_BYTES })).toBeNull();
  });

  it("names the problem", () => {
    expect(imageProblem({ type: "image/heic", size: 1000 })).toBe("type");
    expect(imageProblem({ type: "application/pdf", size: 1000 })).toBe("type");
    expect(imageProblem({ type: "image/jpeg", size: IMAGE_MAX_BYTES + 1 })).toBe("size");
  });
});

describe("percentOf", () => {
  it("rounds to whole percent within 0-100", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(5, 3)).toBe(100);
  });

  it("counts an unknown total as nothing sent", () => {
    expect(percentOf(10, 0)).toBe(0);
  });
});
