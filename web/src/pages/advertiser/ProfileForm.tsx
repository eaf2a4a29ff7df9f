// The company profile's fields. The registration number is checked as it is typed (the
// check digit, the advertisers service's rule), so a typo shows before any round trip.
import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { email, required } from "../../lib/validators";
import { useSaveProfile } from "./queries";
import { brnProblem, formatBrn } from "./rules";
import type { Profile } from "./types";

export function ProfileForm({ profile, disabled }: { profile: Profile | null; disabled: boolean }) {
  const { t } = useI18n();
  const save = useSaveProfile();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    validateInputOnChange: ["business_registration_number"],
    initialValues: {
      company_name: profile?.company_name ?? "",
      business_registration_number: profile?.business_registration_number ?? "",
      representative_name: profile?.representative_name ?? "",
      phone: profile?.phone ?? "",
      contact_email: profile?.contact_email ?? "",
      website: profile?.website ?? "",
      description: profile?.description ?? "",
    },
    validate: {
      company_name: required(t),
      business_registration_number: (value) => {
        const problem = brnProblem(value);
        return problem ? t(`advertiser.profile.brn.${problem}`) : null;
      },
      representative_name: required(t),
      phone: required(t),
      contact_email: email(t),
    },
  });
  const brnOk =
    form.values.business_registration_number !== "" &&
    brnProblem(form.values.business_registration_number) === null;

  return (
    <form
      noValidate
      aria-label={t("advertiser.profile.formLabel")}
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        save.mutate(
          {
            ...values,
            business_registration_number: formatBrn(values.business_registration_number),
          },
          {
            onSuccess: () => notify(t, { color: "green", message: t("advertiser.profile.saved") }),
            onError: (error) => setMessage(formProblem(form, error, t)),
          },
        );
      })}
    >
      <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("advertiser.profile.companyName")}
              required
              maxLength={100}
              {...form.getInputProps("company_name")}
            />
            <TextInput
              label={t("advertiser.profile.brn")}
              required
              inputMode="numeric"
              placeholder="123-45-67890"
              description={
                brnOk ? t("advertiser.profile.brn.ok") : t("advertiser.profile.brn.hint")
              }
              maxLength={12}
              {...form.getInputProps("business_registration_number")}
            />
            <TextInput
              label={t("advertiser.profile.representative")}
              required
              maxLength={50}
              {...form.getInputProps("representative_name")}
            />
            <TextInput
              label={t("advertiser.profile.phone")}
              required
              type="tel"
              placeholder="02-123-4567"
              {...form.getInputProps("phone")}
            />
            <TextInput
              label={t("advertiser.profile.contactEmail")}
              required
              type="email"
              {...form.getInputProps("contact_email")}
            />
            <TextInput
              label={t("advertiser.profile.website")}
              type="url"
              placeholder="https://"
              {...form.getInputProps("website")}
            />
          </SimpleGrid>
          <Textarea
            label={t("advertiser.profile.description")}
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps("description")}
          />
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t("advertiser.profile.save")}
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </form>
  );
}
