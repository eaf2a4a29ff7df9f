import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../../api/client";
import { FormAlert } from "../../../components/FormAlert";
import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { notify } from "../../../lib/notify";
import { formProblem, type KnownReasons } from "../../../lib/formProblem";
import { petKeys } from "../queries";
import { CONTACT_PREFERENCES, type ContactPreference, type Pet, type Portfolio } from "../types";

interface Values {
  intro: string;
  personality: string;
  price_krw: number | string;
  contact_preference: ContactPreference;
  published: boolean;
}

// What a refusal (409) of a portfolio field means.
const PORTFOLIO_CONFLICTS: KnownReasons = { published: "pets.portfolio.staysPublished" };

function valuesOf(portfolio: Portfolio | null): Values {
  return {
    intro: portfolio?.intro ?? "",
    personality: portfolio?.personality ?? "",
    price_krw: portfolio?.price_krw ?? 0,
    contact_preference: portfolio?.contact_preference ?? "IN_APP",
    published: portfolio?.published ?? false,
  };
}

/** The portfolio advertisers read: saved as a draft until published (PUT replaces it whole). */
export function PortfolioForm({ pet, portfolio }: { pet: Pet; portfolio: Portfolio | null }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(portfolio),
    validate: {
      intro: (value, values) =>
        values.published && !value.trim() ? t("pets.portfolio.introToPublish") : null,
    },
  });
  // The API keeps a PetStar's portfolio published.
  const locked = pet.petstar_status === "APPROVED" && (portfolio?.published ?? false);
  const save = useMutation({
    mutationFn: async (values: Values) =>
      data(
        await api.PUT("/api/v1/pets/{pet_id}/portfolio", {
          params: { path: { pet_id: pet.id } },
          body: {
            intro: values.intro.trim(),
            personality: values.personality.trim(),
            price_krw: typeof values.price_krw === "number" ? values.price_krw : 0,
            contact_preference: values.contact_preference,
            published: values.published,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(petKeys.portfolio(pet.id), saved);
      form.resetDirty(valuesOf(saved));
      notify(t, { color: "green", message: t("pets.portfolio.saved") });
    },
    onError: (error) =>
      setMessage(formProblem(form, error, t, { known: PORTFOLIO_CONFLICTS, knownStatus: 409 })),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-portfolio">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="pet-portfolio">
          {t("pets.portfolio.title")}
        </Title>
        {portfolio ? (
          <Badge color={portfolio.published ? "teal.9" : "gray.7"}>
            {portfolio.published ? t("pets.portfolio.published") : t("pets.portfolio.draft")}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {portfolio ? t("pets.portfolio.lead") : t("pets.portfolio.none")}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          save.mutate(values);
        })}
      >
        <Stack>
          <Textarea
            label={t("pets.portfolio.intro")}
            description={t("pets.portfolio.introHint")}
            autosize
            minRows={3}
            maxLength={300}
            {...form.getInputProps("intro")}
          />
          <Textarea
            label={t("pets.portfolio.personality")}
            autosize
            minRows={2}
            maxLength={300}
            {...form.getInputProps("personality")}
          />
          <NumberInput
            label={t("pets.portfolio.price")}
            description={t("pets.portfolio.priceHint")}
            min={0}
            max={100_000_000}
            step={10_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            suffix={t("pets.portfolio.priceSuffix")}
            {...form.getInputProps("price_krw")}
          />
          <NativeSelect
            label={t("pets.portfolio.contact")}
            data={CONTACT_PREFERENCES.map((c) => ({
              value: c,
              label: t(`pets.portfolio.contact.${c}` as MessageKey),
            }))}
            {...form.getInputProps("contact_preference")}
          />
          <Switch
            label={t("pets.portfolio.publish")}
            description={
              locked ? t("pets.portfolio.staysPublished") : t("pets.portfolio.publishHint")
            }
            disabled={locked}
            {...form.getInputProps("published", { type: "checkbox" })}
          />
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t("pets.portfolio.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
