// One picture upload at a time, with its progress and a local preview of the file.
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError } from "../../api/problem";
import type { I18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/ko";
import { errorMessage } from "../../lib/errorMessage";
import { imageProblem, uploadFile, type UploadOptions } from "../../lib/upload";

const PROBLEM_MESSAGES: Record<"type" | "size", MessageKey> = {
  type: "pets.picture.wrongType",
  size: "pets.picture.tooLarge",
};

/**
 * A picked picture and a blob: URL showing it. The URL is made when a file is picked (an
 * event, not an effect) and revoked when replaced or when the component goes away.
 */
export function usePickedImage() {
  const [picked, setPicked] = useState<{ file: File; preview: string } | null>(null);
  const current = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (current.current) URL.revokeObjectURL(current.current);
    },
    [],
  );
  const pick = useCallback((file: File | null) => {
    if (current.current) URL.revokeObjectURL(current.current);
    current.current = file ? URL.createObjectURL(file) : null;
    setPicked(file && current.current ? { file, preview: current.current } : null);
  }, []);
  return { file: picked?.file ?? null, preview: picked?.preview ?? null, pick };
}

/** The message key for a file that cannot be a picture, or null. */
export function pickProblem(file: File): MessageKey | null {
  const problem = imageProblem(file);
  return problem ? PROBLEM_MESSAGES[problem] : null;
}

// What the API says about a file it refused (it checks the content, not the name).
const REFUSALS: Record<number, MessageKey> = {
  413: "pets.picture.tooLarge",
  415: "pets.picture.wrongType",
};

/** Why an upload failed, in the reader's language where the status says it all. */
export function uploadErrorMessage(error: unknown, t: I18n["t"]): string {
  const key = error instanceof ApiError ? REFUSALS[error.status] : undefined;
  return key ? t(key) : errorMessage(error, t);
}

export function useImageUpload<T>(
  target: (file: File) => Omit<UploadOptions, "file" | "onProgress">,
  onSuccess: (result: T) => void,
) {
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => uploadFile<T>({ ...target(file), file, onProgress: setProgress }),
    onSuccess,
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
