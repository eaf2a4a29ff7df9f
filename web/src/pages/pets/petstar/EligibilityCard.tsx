import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { criteriaRows } from "../petstar";
import { useEligibility } from "../queries";
import type { Pet } from "../types";
import { CheckRow } from "./CheckRow";

/** The PetStar criteria against the linked account's current figures (nothing is stored). */
export function EligibilityCard({ pet }: { pet: Pet }) {
  const { t, number, dateTime } = useI18n();
  const linked = pet.instagram_account_id !== null;
  const preview = useEligibility(pet.id, linked);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-eligibility">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="pet-eligibility">
          {t("pets.eligibility.title")}
        </Title>
        {preview.data ? (
          <Badge color={preview.data.eligibility.eligible ? "teal.9" : "gray.7"}>
            {preview.data.eligibility.eligible
              ? t("pets.eligibility.eligible")
              : t("pets.eligibility.notEligible")}
          </Badge>
        ) : null}
      </Group>
      {!linked ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t("pets.eligibility.needsInstagram")}</Text>
          <Anchor component={Link} to="/instagram" size="sm">
            {t("pets.instagram.link")}
          </Anchor>
        </Stack>
      ) : preview.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton height={18} width="70%" />
          <Skeleton height={18} width="60%" />
        </Stack>
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
            {criteriaRows(preview.data).map((row) =>
              row.key === "followers" ? (
                <CheckRow
                  key={row.key}
                  met={row.met}
                  label={t("pets.eligibility.followersRule", { required: number(row.required) })}
                  detail={t("pets.eligibility.now", {
                    value: t("pets.count.people", { count: number(row.actual) }),
                  })}
                />
              ) : (
                <CheckRow
                  key={row.key}
                  met={row.met}
                  label={t("pets.eligibility.postsRule", {
                    days: preview.data.criteria.window_days,
                    likes: number(preview.data.criteria.min_likes),
                    required: number(row.required),
                  })}
                  detail={t("pets.eligibility.now", {
                    value: t("pets.count.posts", { count: number(row.actual) }),
                  })}
                />
              ),
            )}
          </Stack>
          {preview.data.metrics.measured_at ? (
            <Text size="xs" c="dimmed">
              {t("pets.eligibility.measuredAt", { at: dateTime(preview.data.metrics.measured_at) })}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {t("pets.eligibility.note")}
          </Text>
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => void preview.refetch()}
              loading={preview.isFetching}
            >
              {t("pets.eligibility.refresh")}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
