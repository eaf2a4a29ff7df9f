// The campaign editor's steps, in the order an advertiser thinks them through: the product,
// its pictures, what the campaign wants, the post's keywords and hashtags, who may join,
// the reward and the schedule. Each is a numbered section with the rule it follows.
import {
  Alert,
  Badge,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { ReactNode } from "react";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import type { EditorValues } from "./editorValues";
import {
  badHashtag,
  hasDisclosure,
  hashtags,
  NON_MATERIAL,
  SCHEDULE_FIELDS,
  scheduleProblems,
  type Editing,
  type ScheduleProblem,
} from "./rules";
import { SPECIES } from "./types";

export type EditorForm = UseFormReturnType<EditorValues>;

/** What every step of the editor gets: the form, and which fields the campaign's phase
 *  no longer lets the advertiser change. */
interface StepProps {
  form: EditorForm;
  locked: (f: keyof EditorValues) => boolean;
}

export function Section({
  n,
  title,
  hint,
  children,
}: {
  n: number;
  title: MessageKey;
  hint?: MessageKey;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = `editor-step-${n}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title order={2} fz="h4" id={id}>
            {t("advertiser.editor.step", { n, title: t(title) })}
          </Title>
          {hint ? (
            <Text size="sm" c="dimmed">
              {t(hint)}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Card>
  );
}

/** Whether a field is frozen now (a recruiting campaign keeps what applicants agreed to). */
export function lockedBy(mode: Editing) {
  return (field: keyof EditorValues) =>
    mode === "none" || (mode === "nonMaterial" && !NON_MATERIAL.has(field));
}

export function ProductStep({ form, locked }: StepProps) {
  const { t } = useI18n();
  return (
    <Section n={1} title="advertiser.editor.product" hint="advertiser.editor.productHint">
      <TextInput
        label={t("advertiser.editor.title")}
        placeholder={t("advertiser.editor.titlePlaceholder")}
        required
        maxLength={100}
        disabled={locked("title")}
        {...form.getInputProps("title")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("advertiser.editor.productName")}
          required
          maxLength={100}
          disabled={locked("product_name")}
          {...form.getInputProps("product_name")}
        />
        <TextInput
          label={t("advertiser.editor.productUrl")}
          required
          type="url"
          placeholder="https://"
          maxLength={500}
          disabled={locked("product_url")}
          {...form.getInputProps("product_url")}
        />
      </SimpleGrid>
      <Textarea
        label={t("advertiser.editor.productDescription")}
        required
        autosize
        minRows={3}
        maxLength={5000}
        disabled={locked("product_description")}
        {...form.getInputProps("product_description")}
      />
    </Section>
  );
}

export function GoalStep({ form, locked }: StepProps) {
  const { t } = useI18n();
  return (
    <Section n={3} title="advertiser.editor.goal">
      <Textarea
        label={t("advertiser.editor.objective")}
        placeholder={t("advertiser.editor.objectivePlaceholder")}
        autosize
        minRows={2}
        maxLength={1000}
        disabled={locked("objective")}
        {...form.getInputProps("objective")}
      />
      <Textarea
        label={t("advertiser.editor.missions")}
        required
        description={t("advertiser.editor.oneALine")}
        placeholder={t("advertiser.editor.missionsPlaceholder")}
        autosize
        minRows={3}
        disabled={locked("missions")}
        {...form.getInputProps("missions")}
      />
    </Section>
  );
}

export function TagsStep({ form, locked }: StepProps) {
  const { t } = useI18n();
  const tags = hashtags(form.values.hashtags);
  const bad = badHashtag(tags);
  // The API puts #광고 first when neither disclosure tag is there; shown as it will be.
  const final = hasDisclosure(tags) ? tags : ["#광고", ...tags];
  return (
    <Section n={4} title="advertiser.editor.tags">
      <TextInput
        label={t("advertiser.editor.keywords")}
        description={t("advertiser.editor.keywordsHint")}
        disabled={locked("keywords")}
        {...form.getInputProps("keywords")}
      />
      <TextInput
        label={t("advertiser.editor.hashtags")}
        description={t("advertiser.editor.hashtagsHint")}
        disabled={locked("hashtags")}
        {...form.getInputProps("hashtags")}
        error={bad ? t("advertiser.editor.badHashtag", { tag: bad }) : form.errors.hashtags}
      />
      <Alert variant="light" color="blue" title={t("advertiser.editor.disclosureTitle")}>
        <Text size="sm">{t("advertiser.editor.disclosureBody")}</Text>
        {hasDisclosure(tags) ? null : (
          <Text size="sm" mt={4} fw={500}>
            {t("advertiser.editor.disclosureAdded")}
          </Text>
        )}
      </Alert>
      <Group gap={6} aria-label={t("advertiser.editor.hashtagsPreview")} role="group">
        {final.map((tag) => (
          <Badge key={tag} variant="light" c="petful.9" tt="none">
            {tag}
          </Badge>
        ))}
      </Group>
    </Section>
  );
}

export function WhoStep({ form, locked }: StepProps) {
  const { t } = useI18n();
  return (
    <Section n={5} title="advertiser.editor.who">
      <div>
        <Text size="sm" fw={500} id="campaign-type-label" mb={4}>
          {t("advertiser.editor.type")}
        </Text>
        <SegmentedControl
          aria-labelledby="campaign-type-label"
          disabled={locked("campaign_type")}
          data={[
            { value: "DELIVERY", label: t("advertiser.editor.type.DELIVERY") },
            { value: "VISIT", label: t("advertiser.editor.type.VISIT") },
          ]}
          {...form.getInputProps("campaign_type")}
        />
      </div>
      <Checkbox.Group
        label={t("advertiser.editor.species")}
        withAsterisk
        description={t("advertiser.editor.speciesHint")}
        {...form.getInputProps("target_species")}
      >
        <Group gap="md" mt={6}>
          {SPECIES.map((s) => (
            <Checkbox
              key={s}
              value={s}
              label={t(`campaigns.species.${s}`)}
              disabled={locked("target_species")}
            />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea
        label={t("advertiser.editor.requirements")}
        description={t("advertiser.editor.oneALine")}
        placeholder={t("advertiser.editor.requirementsPlaceholder")}
        autosize
        minRows={2}
        disabled={locked("requirements")}
        {...form.getInputProps("requirements")}
      />
      <NumberInput
        label={t("advertiser.editor.headcount")}
        required
        min={1}
        max={500}
        allowDecimal={false}
        w={160}
        disabled={locked("headcount")}
        {...form.getInputProps("headcount")}
      />
    </Section>
  );
}

export function RewardStep({ form, locked }: StepProps) {
  const { t } = useI18n();
  return (
    <Section n={6} title="advertiser.editor.reward" hint="advertiser.editor.rewardHint">
      <Textarea
        label={t("advertiser.editor.rewardDescription")}
        required
        placeholder={t("advertiser.editor.rewardPlaceholder")}
        autosize
        minRows={2}
        maxLength={1000}
        disabled={locked("reward_description")}
        {...form.getInputProps("reward_description")}
      />
      <NumberInput
        label={t("advertiser.editor.rewardValue")}
        min={0}
        max={100_000_000}
        step={1000}
        thousandSeparator=","
        suffix="원"
        allowDecimal={false}
        w={220}
        disabled={locked("reward_value_krw")}
        {...form.getInputProps("reward_value_krw")}
      />
    </Section>
  );
}

const DATE_PROBLEM: Record<ScheduleProblem, MessageKey> = {
  past: "advertiser.editor.date.past",
  afterPrevious: "advertiser.editor.date.afterPrevious",
  notBeforePrevious: "advertiser.editor.date.notBeforePrevious",
};

export function ScheduleStep({
  form,
  locked,
  now,
}: {
  form: EditorForm;
  locked: (f: keyof EditorValues) => boolean;
  /** Given when the campaign is about to be sent for review: every date must be ahead. */
  now: Date | null;
}) {
  const { t } = useI18n();
  // Checked on every keystroke over all five dates: one change can put a later date out of
  // order, and that date is where the advertiser must look.
  const problems = scheduleProblems(form.values, now);
  return (
    <Section n={7} title="advertiser.editor.schedule" hint="advertiser.editor.scheduleHint">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {SCHEDULE_FIELDS.map((f) => {
          const problem = problems[f];
          return (
            <TextInput
              key={f}
              type="datetime-local"
              label={t(`advertiser.editor.date.${f}`)}
              required
              disabled={locked(f)}
              {...form.getInputProps(f)}
              error={problem ? t(DATE_PROBLEM[problem]) : form.errors[f]}
            />
          );
        })}
      </SimpleGrid>
    </Section>
  );
}
