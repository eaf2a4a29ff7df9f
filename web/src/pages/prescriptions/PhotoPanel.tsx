import { Alert, Image, Skeleton } from "@mantine/core";
import { useEffect, useRef } from "react";

import { useI18n } from "../../i18n/useI18n";
import { usePhoto } from "./queries";

/** An image from bytes in memory: a blob: URL (the CSP allows them) made for the element
 *  and revoked when the bytes change or the element goes. */
function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(blob);
    if (ref.current) ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return (
    <Image
      ref={ref}
      alt={alt}
      radius="md"
      fit="contain"
      mah={640}
      style={{ border: "1px solid var(--mantine-color-gray-3)" }}
      data-testid="prescription-photo"
    />
  );
}

/** The prescription photo, fetched with the access token (it is never public). */
export function PhotoPanel({ id, petName }: { id: string; petName: string }) {
  const { t } = useI18n();
  const photo = usePhoto(id);
  if (photo.isError) {
    return (
      <Alert color="red" variant="light">
        {t("prescriptions.detail.photoError")}
      </Alert>
    );
  }
  if (photo.isPending) {
    return <Skeleton height={360} aria-busy="true" aria-label={t("common.loading")} />;
  }
  return <BlobImage blob={photo.data} alt={t("prescriptions.detail.photoAlt", { pet: petName })} />;
}
