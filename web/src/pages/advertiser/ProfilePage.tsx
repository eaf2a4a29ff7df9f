// The company profile: its approval status (with the admin's reason when rejected or
// restricted), the fields, the logo and certificate, and sending it for review. A rejected
// profile is corrected here and sent again: the same page is the resubmission path.
import { Alert, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";

import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { ProfileFiles } from "./ProfileFiles";
import { ProfileForm } from "./ProfileForm";
import { useProfile, useSubmitProfile } from "./queries";
import { canSubmitProfile, profileEditable } from "./rules";
import type { Profile, ProfileStatus } from "./types";

const STATUS_COLOR: Record<ProfileStatus, string> = {
  DRAFT: "gray",
  PENDING: "blue",
  APPROVED: "green",
  REJECTED: "red",
  RESTRICTED: "red",
  WITHDRAWN: "gray",
};

function StatusCard({ profile }: { profile: Profile | null }) {
  const { t, dateTime } = useI18n();
  const status = profile?.status ?? null;
  // A coloured dot beside body-coloured text: readable (WCAG AA) in every colour.
  const color = status ? STATUS_COLOR[status] : "gray";
  return (
    <Card withBorder padding="md" component="section" aria-label={t("advertiser.profile.status")}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600}>{t("advertiser.profile.status")}</Text>
          <Badge variant="dot" color={color}>
            {t(`advertiser.profile.status.${status ?? "NONE"}`)}
          </Badge>
        </Group>
        <Text size="sm">{t(`advertiser.profile.statusBody.${status ?? "NONE"}`)}</Text>
        {profile?.submitted_at && status === "PENDING" ? (
          <Text size="sm" c="dimmed">
            {t("advertiser.profile.submittedAt", { at: dateTime(profile.submitted_at) })}
          </Text>
        ) : null}
        {profile?.status_reason && (status === "REJECTED" || status === "RESTRICTED") ? (
          <Alert color="red" variant="light" title={t("advertiser.profile.reason")}>
            {profile.status_reason}
          </Alert>
        ) : null}
        {status === "APPROVED" ? (
          <Button component={Link} to="/advertiser" variant="light" w="fit-content">
            {t("advertiser.profile.toDashboard")}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

function SubmitSection({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const submit = useSubmitProfile();
  const [message, setMessage] = useState<string | null>(null);
  if (profile.status !== "DRAFT" && profile.status !== "REJECTED") return null;
  const ready = canSubmitProfile(profile.status, profile.has_business_document);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-submit">
      <Stack gap="xs">
        <Text fw={600} id="profile-submit">
          {t(
            profile.status === "REJECTED"
              ? "advertiser.profile.resubmitTitle"
              : "advertiser.profile.submitTitle",
          )}
        </Text>
        <Text size="sm">
          {ready
            ? t("advertiser.profile.submitReady")
            : t("advertiser.profile.submitNeedsDocument")}
        </Text>
        <FormAlert message={message} />
        <Button
          w="fit-content"
          disabled={!ready}
          loading={submit.isPending}
          onClick={() => {
            setMessage(null);
            submit.mutate(undefined, {
              onSuccess: () =>
                notify(t, { color: "green", message: t("advertiser.profile.submitted") }),
              onError: (error) => setMessage(errorMessage(error, t)),
            });
          }}
        >
          {t(
            profile.status === "REJECTED"
              ? "advertiser.profile.resubmit"
              : "advertiser.profile.submit",
          )}
        </Button>
      </Stack>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const profile = useProfile();
  return (
    <Stack maw={860} mx="auto" gap="md">
      <div>
        <PageTitle>{t("advertiser.profile.title")}</PageTitle>
        <Text mt={-8}>{t("advertiser.profile.lead")}</Text>
      </div>
      {profile.isPending ? (
        <PageSkeleton />
      ) : profile.isError ? (
        <QueryError error={profile.error} onRetry={() => profile.refetch()} />
      ) : (
        <>
          <StatusCard profile={profile.data} />
          <Card withBorder padding="md">
            {/* Remounted once the first save made the profile, so it holds what was saved. */}
            <ProfileForm
              key={profile.data ? "saved" : "new"}
              profile={profile.data}
              disabled={!profileEditable(profile.data?.status ?? null)}
            />
          </Card>
          <ProfileFiles
            profile={profile.data}
            disabled={!profileEditable(profile.data?.status ?? null)}
          />
          {profile.data ? <SubmitSection profile={profile.data} /> : null}
        </>
      )}
    </Stack>
  );
}
