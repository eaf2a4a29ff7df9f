import { describe, expect, it } from "vitest";

import { ageParts, engagementPercent, pictureUrl } from "./figures";

describe("engagementPercent", () => {
  it("turns the API's fraction into a percentage with one decimal", () => {
    expect(engagementPercent(0.0241)).toBe(2.4);
    expect(engagementPercent(0.05249)).toBe(5.2);
    expect(engagementPercent(0)).toBe(0);
  });
});

describe("ageParts", () => {
  it("counts months up to two years, whole years after", () => {
    expect(ageParts(7)).toEqual({ months: 7 });
    expect(ageParts(23)).toEqual({ months: 23 });
    expect(ageParts(24)).toEqual({ years: 2 });
    expect(ageParts(41)).toEqual({ years: 3 });
  });
});

describe("pictureUrl", () => {
  const image = {
    media_id: "m",
    url: "/media/public/pets/p/a.webp",
    thumbnails: { "320": "/media/public/pets/p/a.w320.webp" },
    width: 800,
    height: 800,
  };

  it("picks the thumbnail of the width asked for, else the original", () => {
    expect(pictureUrl(image, 320)).toBe("/media/public/pets/p/a.w320.webp");
    expect(pictureUrl(image, 960)).toBe("/media/public/pets/p/a.webp");
    expect(pictureUrl(null, 320)).toBeNull();
  });
});
