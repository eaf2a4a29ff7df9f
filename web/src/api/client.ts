// The one API client: openapi-fetch typed by schema.d.ts, which `make web-client`
// generates from the edge's OpenAPI document (never edit it by hand).
//
// Its middleware sends the in-memory access token, says the caller is the web app (so the
// edge keeps the refresh token in its httpOnly cookie), and turns every failure into an
// ApiError (problem+json with field errors; status 0 for no answer), so `data` is always
// set on return. A 401 on a signed-in call refreshes the session once and replays the call.
import createClient, { type Middleware } from "openapi-fetch";

import { getAccessToken } from "../auth/tokens";
import { ApiError, networkError, toApiError } from "./problem";
import type { paths } from "./schema";

export const CLIENT_HEADER = "X-Petful-Client";
export const WEB_CLIENT = "web";

type Refresher = () => Promise<boolean>;
let refreshOn401: Refresher | null = null;

/** Called by the session module: how to get a fresh access token after a 401. */
export function setRefresher(refresher: Refresher): void {
  refreshOn401 = refresher;
}

// Copies of requests that carried a token, kept until their answer (a 401 replays them).
const replayable = new Map<string, Request>();

function withToken(request: Request, token: string | null): Request {
  if (token) request.headers.set("Authorization", `Bearer ${token}`);
  return request;
}

// Sign-in, refresh and logout: their credentials are the body or the refresh cookie.
const AUTH_PATH = "/api/v1/auth/";

const middleware: Middleware = {
  onRequest({ request, id }) {
    request.headers.set(CLIENT_HEADER, WEB_CLIENT);
    const token = getAccessToken();
    const isAuthCall = new URL(request.url, window.location.origin).pathname.startsWith(AUTH_PATH);
    if (token && !isAuthCall && !request.headers.has("Authorization")) {
      withToken(request, token);
      replayable.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ response, id }) {
    const copy = replayable.get(id);
    replayable.delete(id);
    if (response.ok) return response;
    if (response.status === 401 && copy && refreshOn401 && (await refreshOn401())) {
      const again = await fetch(withToken(copy, getAccessToken()));
      if (again.ok) return again;
      throw await toApiError(again);
    }
    throw await toApiError(response);
  },
  onError({ error, id }) {
    replayable.delete(id);
    return error instanceof ApiError ? error : networkError();
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(middleware);

/** The data of a call that answers a body (failures have thrown already). */
export function data<T>(result: { data?: T }): T {
  if (result.data === undefined) throw new ApiError(0, null);
  return result.data;
}
