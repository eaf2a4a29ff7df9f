import { Avatar, Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { applyProblem } from "../../lib/problemForm";
import { useApply } from "./queries";
import type { Pet } from "./types";

const NOTE_MIN = 10;
const NOTE_MAX = 1000;

/** Apply with one of `pets` (approved PetStars that have not applied yet) and a note. */
export function ApplyForm({ campaignId, pets }: { campaignId: string; pets: readonly Pet[] }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const apply = useApply(campaignId);
  const form = useForm({
    initialValues: { pet_id: pets.length === 1 ? (pets[0]?.id ?? "") : "", note: "" },
    validate: {
      pet_id: (value) => (value ? null : t("campaigns.apply.petRequired")),
      note: (value) => {
        const length = value.trim().length;
        return length >= NOTE_MIN && length <= NOTE_MAX ? null : t("campaigns.apply.noteLength");
      },
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        apply.mutate(
          { pet_id: values.pet_id, note: values.note.trim() },
          {
            onSuccess: () => form.reset(),
            onError: (error) => setMessage(applyProblem(form, error) ?? errorMessage(error, t)),
          },
        );
      })}
    >
      <Stack>
        <Radio.Group label={t("campaigns.apply.pet")} required {...form.getInputProps("pet_id")}>
          <Stack gap="xs" mt={6}>
            {pets.map((pet) => (
              <Radio
                key={pet.id}
                value={pet.id}
                label={
                  <Group gap="xs" wrap="nowrap">
                    <Avatar
                      src={pet.image?.thumbnails["320"] ?? pet.image?.url}
                      alt=""
                      size="sm"
                      radius="xl"
                    >
                      {pet.name.slice(0, 1)}
                    </Avatar>
                    <Text size="sm">
                      {pet.name} · {t(`campaigns.species.${pet.species}`)}
                    </Text>
                  </Group>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t("campaigns.apply.note")}
          description={t("campaigns.apply.noteHint", { count: form.values.note.length })}
          required
          autosize
          minRows={4}
          maxLength={NOTE_MAX}
          {...form.getInputProps("note")}
        />
        <FormAlert message={message} />
        <Button type="submit" loading={apply.isPending} fullWidth>
          {t("campaigns.apply.submit")}
        </Button>
      </Stack>
    </form>
  );
}
