// The business registration certificate, fetched with the admin's token when asked for.
// A picture shows inline; a PDF opens in the browser's own viewer in a new tab, because
// the app's CSP lets no frame or plugin show blob: content inside the page. Either can
// be downloaded.
import { Alert, Button, Group, Image, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { useLayoutEffect, useRef, useState } from "react";

import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { useBusinessDocument, type Profile } from "./queries";
import { documentKind } from "./rules";

export function DocumentViewer({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const document = useBusinessDocument(profile.user_id, shown);

  if (!profile.has_business_document) {
    return (
      <Text size="sm" c="dimmed" data-testid="document-viewer">
        {t("adminQueues.advertisers.noDocument")}
      </Text>
    );
  }
  if (!shown) {
    return (
      <Button variant="default" size="xs" w="fit-content" onClick={() => setShown(true)}>
        {t("adminQueues.advertisers.showDocument")}
      </Button>
    );
  }
  if (document.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t("adminQueues.advertisers.documentError", { reason: errorMessage(document.error, t) })}
      </Alert>
    );
  }
  if (!document.data) {
    return <Skeleton height={240} aria-busy="true" aria-label={t("common.loading")} />;
  }
  return <ShownDocument blob={document.data} profile={profile} />;
}

function ShownDocument({ blob, profile }: { blob: Blob; profile: Profile }) {
  const { t } = useI18n();
  const image = useRef<HTMLImageElement>(null);
  const open = useRef<HTMLAnchorElement>(null);
  const download = useRef<HTMLAnchorElement>(null);
  // A blob: address for the bytes, made before the first paint (the elements take it
  // directly, so nothing renders twice) and revoked when the blob changes or this goes.
  useLayoutEffect(() => {
    const url = URL.createObjectURL(blob);
    if (image.current) image.current.src = url;
    for (const link of [open.current, download.current]) if (link) link.href = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  const kind = documentKind(blob.type);
  const filename = `${profile.business_registration_number}-${t("adminQueues.advertisers.document")}`;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="document-viewer">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t("adminQueues.advertisers.document")}
        </Text>
        {kind === "image" ? (
          <Image
            ref={image}
            alt={t("adminQueues.advertisers.documentAlt", { company: profile.company_name })}
            fit="contain"
            mah={640}
            radius="sm"
          />
        ) : (
          <Text size="sm">
            {t(kind === "pdf" ? "adminQueues.advertisers.pdf" : "adminQueues.advertisers.other")}
          </Text>
        )}
        <Group gap="xs">
          {kind === "pdf" ? (
            <Button ref={open} component="a" target="_blank" rel="noopener" size="xs">
              {t("adminQueues.advertisers.openPdf")}
            </Button>
          ) : null}
          <Button ref={download} component="a" download={filename} size="xs" variant="default">
            {t("adminQueues.advertisers.download")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
