import { describe, expect, it } from "vitest";

import { toApiError } from "./problem";

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

describe("toApiError", () => {
  it("reads problem+json with its field errors", async () => {
    const error = await toApiError(
      problemResponse(422, {
        type: "https://petful.dev/problems/validation",
        title: "Invalid request",
        status: 422,
        detail: "One or more fields are invalid.",
        errors: [{ field: "email", reason: "bad" }],
      }),
    );
    expect(error.status).toBe(422);
    expect(error.kind).toBe("client");
    expect(error.fieldErrors).toEqual([{ field: "email", reason: "bad" }]);
    expect(error.message).toBe("One or more fields are invalid.");
  });

  it("keeps Retry-After of a 429", async () => {
    const error = await toApiError(
      problemResponse(
        429,
        { type: "about:blank", title: "Too many", status: 429 },
        { "retry-after": "30" },
      ),
    );
    expect(error.retryAfterSeconds).toBe(30);
  });

  it("classes a 5xx without a problem body as a server error", async () => {
    const error = await toApiError(new Response("upstream connect error", { status: 503 }));
    expect(error.kind).toBe("server");
    expect(error.problem).toBeNull();
  });
});
