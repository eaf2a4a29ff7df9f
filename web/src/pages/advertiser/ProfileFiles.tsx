// The company's logo and its business registration certificate (사업자등록증): each uploaded
// as soon as it is picked and shown as stored. The certificate is private, so its preview is
// fetched with the token; a PDF cannot be drawn inside the page (the CSP allows no frames or
// objects), so it is offered to open in a tab of its own.
import {
  Anchor,
  Avatar,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useRef, useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import { IMAGE_TYPES } from "../../lib/upload";
import { pickProblem, uploadErrorMessage } from "../pets/useImageUpload";
import { useDocument, useProfileUpload } from "./queries";
import { DOCUMENT_TYPES, documentProblem } from "./rules";
import type { Profile } from "./types";

/** A blob: URL (the CSP allows them) set on the element's `attribute` by a ref, made for
 * the element and revoked when the bytes change or the element goes. */
function useBlobAttribute<T extends HTMLElement>(blob: Blob, attribute: "src" | "href") {
  const ref = useRef<T>(null);
  useEffect(() => {
    const url = URL.createObjectURL(blob);
    ref.current?.setAttribute(attribute, url);
    return () => URL.revokeObjectURL(url);
  }, [blob, attribute]);
  return ref;
}

function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const ref = useBlobAttribute<HTMLImageElement>(blob, "src");
  return (
    <Image
      ref={ref}
      alt={alt}
      mah={360}
      w="auto"
      maw="100%"
      fit="contain"
      radius="sm"
      data-testid="document-preview"
    />
  );
}

function BlobLink({ blob, children }: { blob: Blob; children: string }) {
  const ref = useBlobAttribute<HTMLAnchorElement>(blob, "href");
  return (
    <Anchor ref={ref} target="_blank" rel="noopener" size="sm">
      {children}
    </Anchor>
  );
}

function Logo({ profile, disabled }: { profile: Profile; disabled: boolean }) {
  const { t } = useI18n();
  const upload = useProfileUpload("logo");
  const [problem, setProblem] = useState<string | null>(null);
  const alt = t("advertiser.profile.logoAlt", { company: profile.company_name });
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t("advertiser.profile.logo")}
      </Text>
      <Group gap="md">
        {profile.logo_url ? (
          <Image src={profile.logo_url} alt={alt} w={88} h={88} fit="contain" radius="md" />
        ) : (
          <Avatar size={88} radius="md" color="petful" alt={alt}>
            {profile.company_name.slice(0, 1)}
          </Avatar>
        )}
        <FileButton
          accept={IMAGE_TYPES.join(",")}
          onChange={(file) => {
            if (!file) return;
            const key = pickProblem(file);
            setProblem(key ? t(key) : null);
            if (!key) {
              upload.mutate(file, { onError: (error) => setProblem(uploadErrorMessage(error, t)) });
            }
          }}
        >
          {(props) => (
            <Button {...props} variant="default" loading={upload.isPending} disabled={disabled}>
              {profile.logo_url
                ? t("advertiser.profile.logoChange")
                : t("advertiser.profile.logoAdd")}
            </Button>
          )}
        </FileButton>
      </Group>
      {problem ? (
        <Text size="sm" c="red.9" role="alert">
          {problem}
        </Text>
      ) : null}
    </Stack>
  );
}

function DocumentPreview({ mediaId }: { mediaId: string }) {
  const { t } = useI18n();
  const document = useDocument(mediaId);
  if (document.isError) {
    return (
      <Text size="sm" c="red.9">
        {t("advertiser.profile.documentUnavailable")}
      </Text>
    );
  }
  if (!document.data) return null;
  if (document.data.type.startsWith("image/")) {
    return <BlobImage blob={document.data.blob} alt={t("advertiser.profile.documentAlt")} />;
  }
  return (
    <Group gap="xs" data-testid="document-preview">
      <Text size="sm">{t("advertiser.profile.documentPdf")}</Text>
      <BlobLink blob={document.data.blob}>{t("advertiser.profile.documentOpen")}</BlobLink>
    </Group>
  );
}

function BusinessDocument({ profile, disabled }: { profile: Profile; disabled: boolean }) {
  const { t } = useI18n();
  const upload = useProfileUpload("document");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm" id="document-label">
        {t("advertiser.profile.document")}
      </Text>
      <Text size="xs" c="dimmed" id="document-hint">
        {t("advertiser.profile.documentHint")}
      </Text>
      {profile.has_business_document ? (
        <DocumentPreview mediaId={profile.business_document_media_id} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("advertiser.profile.documentNone")}
        </Text>
      )}
      <FileButton
        accept={DOCUMENT_TYPES.join(",")}
        onChange={(file) => {
          if (!file) return;
          const found = documentProblem(file);
          setProblem(found ? t(`advertiser.profile.document.${found}`) : null);
          if (!found) {
            upload.mutate(file, { onError: (error) => setProblem(uploadErrorMessage(error, t)) });
          }
        }}
      >
        {(props) => (
          <Button
            {...props}
            variant="default"
            w="fit-content"
            loading={upload.isPending}
            disabled={disabled}
            aria-describedby="document-hint"
          >
            {profile.has_business_document
              ? t("advertiser.profile.documentChange")
              : t("advertiser.profile.documentAdd")}
          </Button>
        )}
      </FileButton>
      {problem ? (
        <Text size="sm" c="red.9" role="alert">
          {problem}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The files section; before the first save there is no profile to attach them to. */
export function ProfileFiles({
  profile,
  disabled,
}: {
  profile: Profile | null;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-files">
      <Stack>
        <Title order={2} fz="h4" id="profile-files">
          {t("advertiser.profile.files")}
        </Title>
        {profile ? (
          <>
            <Logo profile={profile} disabled={disabled} />
            <BusinessDocument profile={profile} disabled={disabled} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t("advertiser.profile.filesAfterSave")}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
