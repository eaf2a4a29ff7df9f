// The applicants of one campaign: while recruiting, the recommended PetStars to invite; while
// selecting, select and unselect up to the headcount and confirm the selection (which
// announces it now instead of at the announcement date); afterwards, who was chosen.
import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";

import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { ApplicantCard } from "./ApplicantCard";
import { CampaignFrame } from "./CampaignFrame";
import { useApplicantAction, useApplicants, useCampaignAction } from "./queries";
import { Recommendations } from "./Recommendations";
import type { Applicant, Campaign } from "./types";

function SelectButton({ applicant, full }: { applicant: Applicant; full: boolean }) {
  const { t } = useI18n();
  const selected = applicant.status === "SELECTED";
  const action = useApplicantAction(selected ? "unselect" : "select");
  return (
    <Button
      size="xs"
      w="fit-content"
      variant={selected ? "default" : "filled"}
      disabled={!selected && full}
      loading={action.isPending}
      onClick={() =>
        action.mutate(applicant.id, {
          onError: (error) => notify(t, { color: "red", message: errorMessage(error, t) }),
        })
      }
    >
      {selected
        ? t("advertiser.applicants.unselect", { name: applicant.pet_name })
        : t("advertiser.applicants.select", { name: applicant.pet_name })}
    </Button>
  );
}

function ConfirmSelection({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const confirm = useCampaignAction(campaign.id, "confirm-selection");
  const [opened, dialog] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        disabled={campaign.selected_count === 0}
        onClick={() => {
          setError(null);
          dialog.open();
        }}
      >
        {t("advertiser.applicants.confirm")}
      </Button>
      <ConfirmModal
        opened={opened}
        title={t("advertiser.applicants.confirmTitle")}
        body={t("advertiser.applicants.confirmBody", { count: campaign.selected_count })}
        confirmLabel={t("advertiser.applicants.confirm")}
        pending={confirm.isPending}
        error={error}
        onClose={dialog.close}
        onConfirm={() =>
          confirm.mutate(undefined, {
            onSuccess: () => {
              dialog.close();
              notify(t, { color: "green", message: t("advertiser.applicants.confirmed") });
            },
            onError: (e) => setError(errorMessage(e, t)),
          })
        }
      />
    </>
  );
}

function Applicants({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const applicants = useApplicants(campaign.id);
  const selecting = campaign.phase === "SELECTING";
  const full = campaign.selected_count >= campaign.headcount;
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text>
          {t("advertiser.campaign.applicantsFigure", {
            applied: campaign.applicant_count,
            selected: campaign.selected_count,
            headcount: campaign.headcount,
          })}
        </Text>
        {selecting ? <ConfirmSelection campaign={campaign} /> : null}
      </Group>
      {selecting ? (
        <Alert variant="light" color="blue">
          {t("advertiser.applicants.selectingNote")}
        </Alert>
      ) : null}
      <Stack component="section" aria-labelledby="applicants-list" gap="sm">
        <Title order={2} fz="h4" id="applicants-list">
          {t("advertiser.applicants.list")}
        </Title>
        {applicants.isPending ? (
          <CardGridSkeleton count={3} />
        ) : applicants.isError ? (
          <QueryError error={applicants.error} onRetry={() => applicants.refetch()} />
        ) : applicants.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("advertiser.applicants.none")}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {applicants.data.map((applicant) => (
              <ApplicantCard key={applicant.id} applicant={applicant}>
                {selecting && ["APPLIED", "SELECTED"].includes(applicant.status) ? (
                  <SelectButton applicant={applicant} full={full} />
                ) : null}
              </ApplicantCard>
            ))}
          </SimpleGrid>
        )}
      </Stack>
      {campaign.phase === "RECRUITING" ? <Recommendations campaignId={campaign.id} /> : null}
    </Stack>
  );
}

export function ApplicantsPage() {
  return (
    <CampaignFrame view="applicants">
      {(campaign) => <Applicants campaign={campaign} />}
    </CampaignFrame>
  );
}
