// One campaign's overview: why it was rejected or cancelled, what to do next in its phase
// (edit, send for review, cancel with a reason), its schedule and the advertisement as
// PetStars read it.
import { Alert, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";

import { ConfirmModal } from "../../components/ConfirmModal";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { useNow } from "../campaigns/CampaignBits";
import { CampaignInfo } from "../campaigns/CampaignInfo";
import { CampaignTimeline } from "../campaigns/CampaignTimeline";
import { CampaignFrame } from "./CampaignFrame";
import { useCampaignAction } from "./queries";
import { ReasonDialog } from "./ReasonDialog";
import { canCancelCampaign, canSubmitCampaign, editing } from "./rules";
import type { Campaign } from "./types";

function Actions({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const submit = useCampaignAction(campaign.id, "submit");
  const cancel = useCampaignAction(campaign.id, "cancel");
  const [submitting, submitDialog] = useDisclosure(false);
  const [cancelling, cancelDialog] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);
  const canEdit = editing(campaign.phase) !== "none";
  if (!canEdit && !canSubmitCampaign(campaign.phase) && !canCancelCampaign(campaign.phase)) {
    return null;
  }
  return (
    <Group gap="xs">
      {canEdit ? (
        <Button component={Link} to={`/advertiser/campaigns/${campaign.id}/edit`} variant="default">
          {t("advertiser.campaign.edit")}
        </Button>
      ) : null}
      {canSubmitCampaign(campaign.phase) ? (
        <Button
          onClick={() => {
            setError(null);
            submitDialog.open();
          }}
        >
          {t("advertiser.campaign.submit")}
        </Button>
      ) : null}
      {canCancelCampaign(campaign.phase) ? (
        <Button
          variant="outline"
          color="red.9"
          onClick={() => {
            setError(null);
            cancelDialog.open();
          }}
        >
          {t("advertiser.campaign.cancel")}
        </Button>
      ) : null}
      <ConfirmModal
        opened={submitting}
        title={t("advertiser.campaign.submitTitle")}
        body={t("advertiser.campaign.submitBody")}
        confirmLabel={t("advertiser.campaign.submit")}
        pending={submit.isPending}
        error={error}
        onClose={submitDialog.close}
        onConfirm={() =>
          submit.mutate(undefined, {
            onSuccess: () => {
              submitDialog.close();
              notify(t, { color: "green", message: t("advertiser.campaign.submitted") });
            },
            onError: (e) => setError(errorMessage(e, t)),
          })
        }
      />
      <ReasonDialog
        opened={cancelling}
        title={t("advertiser.campaign.cancelTitle")}
        body={t("advertiser.campaign.cancelBody")}
        label={t("advertiser.campaign.cancelReason")}
        confirmLabel={t("advertiser.campaign.cancelConfirm")}
        pending={cancel.isPending}
        error={error}
        danger
        onClose={cancelDialog.close}
        onConfirm={(reason) =>
          cancel.mutate(reason, {
            onSuccess: () => {
              cancelDialog.close();
              notify(t, { color: "green", message: t("advertiser.campaign.cancelled") });
            },
            onError: (e) => setError(errorMessage(e, t)),
          })
        }
      />
    </Group>
  );
}

function Overview({ campaign }: { campaign: Campaign }) {
  const { t, price } = useI18n();
  const now = useNow();
  return (
    <Stack gap="lg">
      {campaign.phase_reason && ["REJECTED", "CANCELLED"].includes(campaign.phase) ? (
        <Alert
          color="red"
          variant="light"
          title={t(
            campaign.phase === "REJECTED"
              ? "advertiser.campaign.rejectedReason"
              : "advertiser.campaign.cancelledReason",
          )}
        >
          {campaign.phase_reason}
        </Alert>
      ) : null}
      <Text size="sm">{t(`advertiser.campaign.next.${campaign.phase}`)}</Text>
      <Actions campaign={campaign} />
      <Card withBorder padding="md">
        <Group gap="xl" wrap="wrap">
          <Text size="sm">
            {t("advertiser.campaign.applicantsFigure", {
              applied: campaign.applicant_count,
              selected: campaign.selected_count,
              headcount: campaign.headcount,
            })}
          </Text>
          <Text size="sm">
            {t("advertiser.campaign.rewardFigure", { value: price(campaign.reward_value_krw) })}
          </Text>
        </Group>
      </Card>
      <CampaignTimeline campaign={campaign} now={now} />
      <CampaignInfo campaign={campaign} />
    </Stack>
  );
}

export function CampaignPage() {
  return (
    <CampaignFrame view="overview">{(campaign) => <Overview campaign={campaign} />}</CampaignFrame>
  );
}
