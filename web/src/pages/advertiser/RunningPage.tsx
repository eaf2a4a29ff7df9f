// Running a campaign: per selected PetStar, the shipment (courier and tracking number, for
// delivered products) and the submitted post with the platform's checklist (disclosure,
// hashtags, keywords, window), approved or sent back with a reason the PetStar reads.
import {
  Anchor,
  Autocomplete,
  Button,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { required } from "../../lib/validators";
import { ChecklistView } from "../campaigns/ChecklistView";
import { ApplicantCard } from "./ApplicantCard";
import { CampaignFrame } from "./CampaignFrame";
import { useApplicantAction, useApplicants, useRequestRevision, useShip } from "./queries";
import { ReasonDialog } from "./ReasonDialog";
import { SELECTED_LIKE } from "./rules";
import type { Applicant, Campaign } from "./types";

// The couriers most Korean shops use, offered first; any other may be typed.
const COURIERS = ["CJ대한통운", "한진택배", "롯데택배", "우체국택배", "로젠택배", "경동택배"];

function ShipmentForm({ applicant }: { applicant: Applicant }) {
  const { t } = useI18n();
  const ship = useShip(applicant.id);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { carrier: "", tracking_number: "" },
    validate: { carrier: required(t), tracking_number: required(t) },
  });
  return (
    <form
      noValidate
      aria-label={t("advertiser.running.shipFor", { name: applicant.pet_name })}
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        ship.mutate(
          { carrier: values.carrier.trim(), tracking_number: values.tracking_number.trim() },
          {
            onSuccess: () =>
              notify(t, {
                color: "green",
                message: t("advertiser.running.shipped", { name: applicant.pet_name }),
              }),
            onError: (error) => setMessage(formProblem(form, error, t)),
          },
        );
      })}
    >
      <Stack gap="xs">
        <Autocomplete
          label={t("advertiser.running.carrier")}
          data={COURIERS}
          required
          maxLength={50}
          {...form.getInputProps("carrier")}
        />
        <TextInput
          label={t("advertiser.running.tracking")}
          required
          inputMode="numeric"
          maxLength={40}
          {...form.getInputProps("tracking_number")}
        />
        <FormAlert message={message} />
        <Button type="submit" size="xs" w="fit-content" loading={ship.isPending}>
          {t("advertiser.running.ship")}
        </Button>
      </Stack>
    </form>
  );
}

function Review({ applicant }: { applicant: Applicant }) {
  const { t } = useI18n();
  const approve = useApplicantAction("approve-content");
  const revise = useRequestRevision(applicant.id);
  const [opened, dialog] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Group gap="xs">
      <Button
        size="xs"
        loading={approve.isPending}
        onClick={() =>
          approve.mutate(applicant.id, {
            onSuccess: () =>
              notify(t, {
                color: "green",
                message: t("advertiser.running.approved", { name: applicant.pet_name }),
              }),
            onError: (e) => notify(t, { color: "red", message: errorMessage(e, t) }),
          })
        }
      >
        {t("advertiser.running.approve")}
      </Button>
      <Button
        size="xs"
        variant="default"
        onClick={() => {
          setError(null);
          dialog.open();
        }}
      >
        {t("advertiser.running.revise")}
      </Button>
      <ReasonDialog
        opened={opened}
        title={t("advertiser.running.reviseTitle", { name: applicant.pet_name })}
        body={t("advertiser.running.reviseBody")}
        label={t("advertiser.running.reviseReason")}
        confirmLabel={t("advertiser.running.revise")}
        pending={revise.isPending}
        error={error}
        onClose={dialog.close}
        onConfirm={(reason) =>
          revise.mutate(reason, {
            onSuccess: () => {
              dialog.close();
              notify(t, { color: "green", message: t("advertiser.running.revised") });
            },
            onError: (e) => setError(errorMessage(e, t)),
          })
        }
      />
    </Group>
  );
}

function Participant({ applicant, campaign }: { applicant: Applicant; campaign: Campaign }) {
  const { t, dateTime, number } = useI18n();
  const shipment = applicant.shipment;
  // Products go out after the announcement and before the activity ends (the API's rule).
  const needsShipment =
    campaign.campaign_type === "DELIVERY" &&
    applicant.status === "SELECTED" &&
    !shipment &&
    (campaign.phase === "ANNOUNCED" || campaign.phase === "IN_PROGRESS");
  const latest = applicant.submissions.at(-1);
  return (
    <ApplicantCard applicant={applicant}>
      {shipment ? (
        <Text size="sm">
          {t("advertiser.running.shipment", {
            carrier: shipment.carrier,
            tracking: shipment.tracking_number,
            at: shipment.shipped_at ? dateTime(shipment.shipped_at) : "",
          })}
        </Text>
      ) : null}
      {needsShipment ? <ShipmentForm applicant={applicant} /> : null}
      {applicant.post_url ? (
        <Stack gap="xs">
          <Anchor href={applicant.post_url} target="_blank" rel="noopener noreferrer" size="sm">
            {t("advertiser.running.post", { name: applicant.pet_name })}
          </Anchor>
          {applicant.likes !== null ? (
            <Text size="sm">
              {t("advertiser.running.postFigures", {
                likes: number(applicant.likes),
                comments: number(applicant.comments ?? 0),
              })}
            </Text>
          ) : null}
          {applicant.checklist ? (
            <ChecklistView
              checklist={applicant.checklist}
              headingId={`checklist-${applicant.id}`}
            />
          ) : null}
        </Stack>
      ) : null}
      {latest?.reason ? (
        <Text size="sm" c="dimmed">
          {t("advertiser.running.lastReason", { reason: latest.reason })}
        </Text>
      ) : null}
      {applicant.status === "CONTENT_SUBMITTED" ? <Review applicant={applicant} /> : null}
    </ApplicantCard>
  );
}

function Running({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const applicants = useApplicants(campaign.id);
  const chosen = applicants.data?.filter((a) => SELECTED_LIKE.has(a.status)) ?? [];
  return (
    <Stack component="section" aria-labelledby="running-list" gap="sm">
      <Title order={2} fz="h4" id="running-list">
        {t("advertiser.running.list")}
      </Title>
      <Text size="sm" c="dimmed">
        {t(
          campaign.campaign_type === "DELIVERY"
            ? "advertiser.running.leadDelivery"
            : "advertiser.running.leadVisit",
        )}
      </Text>
      {applicants.isPending ? (
        <CardGridSkeleton count={2} />
      ) : applicants.isError ? (
        <QueryError error={applicants.error} onRetry={() => applicants.refetch()} />
      ) : chosen.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("advertiser.running.none")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {chosen.map((applicant) => (
            <Participant key={applicant.id} applicant={applicant} campaign={campaign} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

export function RunningPage() {
  return (
    <CampaignFrame view="running">{(campaign) => <Running campaign={campaign} />}</CampaignFrame>
  );
}
