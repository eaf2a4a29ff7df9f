// RFC 9457 problem+json, the only error shape the API returns, as a typed error.

export interface FieldError {
  field: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export type ApiErrorKind = "network" | "client" | "server";

/** Every failed API call throws this: `kind` says whether retrying can help. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem | null, retryAfterSeconds: number | null = null) {
    super(problem?.detail ?? problem?.title ?? (status ? `HTTP ${status}` : "network error"));
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** network (no answer) and server (5xx) errors are worth a retry; client (4xx) are not. */
  get kind(): ApiErrorKind {
    if (this.status === 0) return "network";
    return this.status >= 500 ? "server" : "client";
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as Problem).title === "string" &&
    typeof (body as Problem).status === "number"
  );
}

/** The ApiError for a response that is not ok (problem+json or not). */
export async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body: unknown = await response.clone().json();
      if (isProblem(body)) problem = body;
    } catch {
      // not JSON after all: keep the status only
    }
  }
  const retryAfter = Number(response.headers.get("retry-after"));
  return new ApiError(
    response.status,
    problem,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

export function networkError(): ApiError {
  return new ApiError(0, null);
}
