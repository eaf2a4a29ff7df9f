// File uploads with progress. fetch() cannot report upload progress, so pictures go through
// XMLHttpRequest, with what the API client adds to every call: the access token, the web
// client header, one refresh-and-replay on a 401, and failures as ApiError.
import { CLIENT_HEADER, WEB_CLIENT } from "../api/client";
import { ApiError, networkError, toApiError } from "../api/problem";
import { refreshSession } from "../auth/session";
import { getAccessToken } from "../auth/tokens";

/** What the API accepts as a picture (checked again, by content, on the server). */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

export type ImageProblem = "type" | "size";

/** Why a picked file cannot be a picture, before spending an upload on it (null: fine). */
export function imageProblem(file: { type: string; size: number }): ImageProblem | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return "type";
  if (file.size > IMAGE_MAX_BYTES) return "size";
  return null;
}

/** Whole percent sent, 0-100 (an unknown total counts as nothing sent yet). */
export function percentOf(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

export interface UploadOptions {
  method: "PUT" | "POST";
  /** An API path, e.g. `/api/v1/pets/<id>/image`. */
  path: string;
  file: File;
  onProgress?: (percent: number) => void;
}

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

const NO_BODY = new Set([204, 205, 304]);

function send({ method, path, file, onProgress }: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader(CLIENT_HEADER, WEB_CLIENT);
    const token = getAccessToken();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(percentOf(event.loaded, event.total));
    };
    xhr.onload = () => {
      const body = NO_BODY.has(xhr.status) ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, headers: headersOf(xhr) }));
    };
    xhr.onerror = () => reject(networkError());
    xhr.ontimeout = () => reject(networkError());
    const form = new FormData();
    form.append("file", file, file.name);
    onProgress?.(0);
    xhr.send(form);
  });
}

/** Upload `file` as the form field `file`; the answer's JSON, or an ApiError. */
export async function uploadFile<T>(options: UploadOptions): Promise<T> {
  let response = await send(options);
  if (response.status === 401 && getAccessToken() && (await refreshSession())) {
    response = await send(options);
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, null);
  }
}
