// The campaign editor (/advertiser/campaigns/new and /:id/edit), a guided form in numbered
// steps. "임시 저장" keeps a draft (a new campaign gets its address then, and with it the
// pictures step); "검토 요청" saves and sends it to the administrators. A recruiting
// campaign reopens here with only what applicants did not agree to left editable.
import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { required } from "../../lib/validators";
import { CampaignImages } from "./CampaignImages";
import { bodyOf, newValues, valuesOf, type EditorValues } from "./editorValues";
import {
  GoalStep,
  lockedBy,
  ProductStep,
  RewardStep,
  ScheduleStep,
  Section,
  TagsStep,
  WhoStep,
} from "./EditorSections";
import { useCampaignAction, useMyCampaign, useSaveCampaign } from "./queries";
import { badHashtag, canSubmitCampaign, editing, hashtags, lines, scheduleProblems } from "./rules";
import type { Campaign } from "./types";

function Editor({ campaign }: { campaign: Campaign | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const save = useSaveCampaign(campaign?.id);
  const submit = useCampaignAction(campaign?.id ?? "", "submit");
  const [message, setMessage] = useState<string | null>(null);
  // Set once the advertiser asks for review: from then on past dates count as problems too.
  const [submitAt, setSubmitAt] = useState<Date | null>(null);
  const mode = campaign ? editing(campaign.phase) : "all";
  const locked = lockedBy(mode);
  const form = useForm<EditorValues>({
    mode: "controlled",
    initialValues: campaign ? valuesOf(campaign) : newValues(new Date()),
    // What the campaigns service requires even of a draft, checked before sending.
    validate: {
      title: required(t),
      product_name: required(t),
      product_url: required(t),
      product_description: required(t),
      missions: (value) => (lines(value).length ? null : t("advertiser.editor.missionsRequired")),
      target_species: (value) => (value.length ? null : t("advertiser.editor.speciesRequired")),
      reward_description: required(t),
    },
  });

  const run = (values: EditorValues, thenSubmit: boolean) => {
    setMessage(null);
    const now = thenSubmit ? new Date() : null;
    setSubmitAt(now);
    const body = bodyOf(values);
    const dateProblems = Object.keys(scheduleProblems(values, now)).length > 0;
    if (!body || dateProblems || badHashtag(hashtags(values.hashtags))) {
      setMessage(t("advertiser.editor.fixFirst"));
      return;
    }
    // The form is long: a field's error may be out of sight, so the buttons say so too.
    const failed = (error: unknown) =>
      setMessage(formProblem(form, error, t) ?? t("advertiser.editor.fixFirst"));
    save.mutate(body, {
      onError: failed,
      onSuccess: (saved) => {
        form.resetDirty();
        if (!thenSubmit) {
          notify(t, {
            color: "green",
            message: t(campaign ? "advertiser.editor.saved" : "advertiser.editor.created"),
          });
          if (!campaign) navigate(`/advertiser/campaigns/${saved.id}/edit`, { replace: true });
          return;
        }
        submit.mutate(undefined, {
          onError: failed,
          onSuccess: () => {
            notify(t, { color: "green", message: t("advertiser.campaign.submitted") });
            navigate(`/advertiser/campaigns/${saved.id}`);
          },
        });
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => run(values, false),
        () => setMessage(t("advertiser.editor.fixFirst")),
      )}
    >
      <Stack gap="md">
        {campaign?.phase === "REJECTED" && campaign.phase_reason ? (
          <Alert color="red" variant="light" title={t("advertiser.campaign.rejectedReason")}>
            {campaign.phase_reason}
          </Alert>
        ) : null}
        {mode === "nonMaterial" ? (
          <Alert color="blue" variant="light">
            {t("advertiser.editor.recruitingNote")}
          </Alert>
        ) : null}
        <ProductStep form={form} locked={locked} />
        <Section n={2} title="advertiser.editor.images">
          {campaign ? (
            <CampaignImages
              campaign={campaign}
              ids={form.values.image_media_ids}
              disabled={locked("image_media_ids")}
              onChange={(ids) => form.setFieldValue("image_media_ids", ids)}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t("advertiser.editor.imagesAfterSave")}
            </Text>
          )}
        </Section>
        <GoalStep form={form} locked={locked} />
        <TagsStep form={form} locked={locked} />
        <WhoStep form={form} locked={locked} />
        <RewardStep form={form} locked={locked} />
        <ScheduleStep form={form} locked={locked} now={submitAt} />
        <FormAlert message={message} />
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            component={Link}
            to={campaign ? `/advertiser/campaigns/${campaign.id}` : "/advertiser/campaigns"}
          >
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            variant={campaign && canSubmitCampaign(campaign.phase) ? "default" : "filled"}
            loading={save.isPending && !submitAt}
          >
            {t(mode === "nonMaterial" ? "common.save" : "advertiser.editor.saveDraft")}
          </Button>
          {!campaign || canSubmitCampaign(campaign.phase) ? (
            <Button
              loading={(save.isPending && Boolean(submitAt)) || submit.isPending}
              disabled={!campaign}
              onClick={() => {
                if (form.validate().hasErrors) setMessage(t("advertiser.editor.fixFirst"));
                else run(form.values, true);
              }}
            >
              {t("advertiser.campaign.submit")}
            </Button>
          ) : null}
        </Group>
        {!campaign ? (
          <Text size="sm" c="dimmed" ta="right">
            {t("advertiser.editor.submitAfterSave")}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

export function CampaignEditorPage() {
  const { t } = useI18n();
  const { campaignId } = useParams();
  const campaign = useMyCampaign(campaignId);
  return (
    <Stack maw={860} mx="auto" gap="md">
      <Anchor
        component={Link}
        to={campaignId ? `/advertiser/campaigns/${campaignId}` : "/advertiser/campaigns"}
        size="sm"
        w="fit-content"
      >
        {t(campaignId ? "advertiser.editor.backToCampaign" : "advertiser.campaign.back")}
      </Anchor>
      <div>
        <PageTitle>
          {t(campaignId ? "advertiser.editor.editTitle" : "advertiser.editor.newTitle")}
        </PageTitle>
        <Text mt={-8}>{t("advertiser.editor.lead")}</Text>
      </div>
      {!campaignId ? (
        <Editor campaign={null} />
      ) : campaign.isPending ? (
        <PageSkeleton />
      ) : campaign.isError ? (
        <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
      ) : editing(campaign.data.phase) === "none" ? (
        <Alert color="gray" variant="light">
          {t("advertiser.editor.notEditable")}
        </Alert>
      ) : (
        // Keyed by the campaign, so each one's form starts from its own saved values.
        <Editor key={campaign.data.id} campaign={campaign.data} />
      )}
    </Stack>
  );
}
