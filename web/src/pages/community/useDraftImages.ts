// The pictures of a post being written: each picked file uploaded at once (several in
// parallel, each with its progress and a local preview), removable, and reordered. The post
// takes the uploaded ones' ids, in the order shown, when it is saved.
import { useCallback, useEffect, useRef, useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import { uploadFile } from "../../lib/upload";
import { pickProblem, uploadErrorMessage } from "../pets/useImageUpload";
import { moveItem } from "../pets/portfolio/reorder";
import { roomFor, type DraftImage } from "./rules";
import type { PostImage, UploadedImage } from "./types";

let lastKey = 0;
const newKey = () => `new-${(lastKey += 1)}`;

/** A saved picture as the form shows it. */
export const savedImage = (image: PostImage): DraftImage => ({
  key: image.media_id,
  media_id: image.media_id,
  src: image.thumbnails["320"] ?? image.url,
  progress: null,
  error: null,
});

export function useDraftImages(initial: readonly DraftImage[]) {
  const { t } = useI18n();
  const [images, setImages] = useState<DraftImage[]>(() => [...initial]);
  /** Why picked files were left out (wrong type, too large, no room). */
  const [refused, setRefused] = useState<string | null>(null);
  // Previews made for picked files, revoked when the form goes away.
  const previews = useRef<string[]>([]);
  useEffect(
    () => () => {
      previews.current.forEach((url) => URL.revokeObjectURL(url));
    },
    [],
  );

  const patch = useCallback((key: string, change: Partial<DraftImage>) => {
    setImages((all) => all.map((image) => (image.key === key ? { ...image, ...change } : image)));
  }, []);

  const add = (files: readonly File[]) => {
    const room = roomFor(images);
    const problems = files.map(pickProblem);
    const fine = files.filter((_, i) => problems[i] === null);
    const firstProblem = problems.find((p) => p !== null);
    const taken = fine.slice(0, room);
    setRefused(
      firstProblem
        ? t(firstProblem)
        : fine.length > taken.length
          ? t("community.image.tooMany", { max: roomFor([]) })
          : null,
    );
    const added = taken.map((file) => {
      const src = URL.createObjectURL(file);
      previews.current.push(src);
      return { file, draft: { key: newKey(), media_id: null, src, progress: 0, error: null } };
    });
    setImages((all) => [...all, ...added.map((a) => a.draft)]);
    for (const { file, draft } of added) {
      uploadFile<UploadedImage>({
        method: "POST",
        path: "/api/v1/community/images",
        file,
        onProgress: (progress) => patch(draft.key, { progress }),
      }).then(
        (uploaded) => patch(draft.key, { media_id: uploaded.media_id, progress: null }),
        (error: unknown) =>
          patch(draft.key, { error: uploadErrorMessage(error, t), progress: null }),
      );
    }
  };

  const remove = (key: string) => setImages((all) => all.filter((image) => image.key !== key));
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= images.length) return;
    setImages((all) => moveItem(all, from, to));
  };

  return { images, add, remove, move, refused };
}
